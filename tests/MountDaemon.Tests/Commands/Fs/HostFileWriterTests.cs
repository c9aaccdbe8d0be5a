using Mpyd.MountDaemon.Commands.Fs;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class HostFileWriterTests
{
    [Fact]
    public async Task ReplacesTheFileOnlyWhenComplete()
    {
        using var dir = new TempDir();
        var target = dir.Write("a.bin", "old");
        await HostFileWriter.WriteAsync(target, async (s, ct) => await s.WriteAsync("new"u8.ToArray(), ct), CancellationToken.None);
        Assert.Equal("new", dir.Read("a.bin"));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task AFailureLeavesTheOldFileAndNoTemporary()
    {
        using var dir = new TempDir();
        var target = dir.Write("a.bin", "old");
        await Assert.ThrowsAsync<IOException>(() => HostFileWriter.WriteAsync(target, async (s, ct) =>
        {
            await s.WriteAsync("half"u8.ToArray(), ct);
            throw new IOException("link lost");
        }, CancellationToken.None));
        Assert.Equal("old", dir.Read("a.bin"));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task KeepsThePermissionsOfTheFileItReplaces()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new TempDir();
        var target = dir.Write("run.sh", "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await HostFileWriter.WriteAsync(target, async (s, ct) => await s.WriteAsync("new"u8.ToArray(), ct), CancellationToken.None);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(target));
    }
}
