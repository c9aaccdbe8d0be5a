using System.Text;
using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>
/// File calls made on the simulated board while the daemon sits in the REPL passthrough (which
/// serves the requests), landing in the real host directory.
/// </summary>
public class MountFileTests
{
    private static CancellationToken T => SimMount.Timeout();

    [Fact]
    public async Task Binary_files_read_back_byte_for_byte()
    {
        await using var sim = SimMount.Start();
        var data = new byte[70_000];
        new Random(7).NextBytes(data);
        sim.Dir.Write("data.bin", data);
        await sim.MountAsync();
        await sim.StartReplAsync();

        Assert.Equal(data, await sim.Board.Files.ReadAllBytesAsync("/remote/data.bin", T));
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task Board_writes_renames_removes_and_mkdirs_land_in_the_directory()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("old.txt", "old");
        sim.Dir.Write("gone.txt", "bye");
        await sim.MountAsync();
        await sim.StartReplAsync();
        var files = sim.Board.Files;

        await files.WriteAllBytesAsync("/remote/log.txt", Encoding.UTF8.GetBytes("température 21°C\n"), T);
        await files.MakeDirAsync("/remote/data", T);
        await files.WriteAllBytesAsync("/remote/data/a.bin", new byte[] { 0, 1, 2, 255 }, T);
        await files.RenameAsync("/remote/old.txt", "/remote/new.txt", T);
        await files.RemoveAsync("/remote/gone.txt", T);
        await files.MakeDirAsync("/remote/empty", T);
        await files.RemoveDirAsync("/remote/empty", T);
        var listing = await files.ListDirAsync("/remote", T);
        await sim.StopReplAsync();

        Assert.Equal("température 21°C\n", sim.Dir.Read("log.txt"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, File.ReadAllBytes(Path.Combine(sim.Dir.Path, "data", "a.bin")));
        Assert.Equal("old", sim.Dir.Read("new.txt"));
        Assert.False(sim.Dir.Exists("old.txt"));
        Assert.False(sim.Dir.Exists("gone.txt"));
        Assert.False(sim.Dir.Exists("empty"));
        Assert.Equal(["data", "log.txt", "new.txt"], listing.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(19, listing.Single(e => e.Name == "log.txt").Size);
        Assert.True(listing.Single(e => e.Name == "data").IsDirectory);
    }

    [Fact]
    public async Task A_file_the_board_never_closes_is_committed_when_the_mount_ends()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("state.txt", "before");
        await sim.MountAsync();
        await sim.StartReplAsync();

        var file = await sim.Board.Files.OpenAsync("/remote/state.txt", "w", T);
        await file.WriteAsync("after"u8.ToArray(), T);
        // Until the mount ends cleanly the old content stays under the real name.
        Assert.Equal("before", sim.Dir.Read("state.txt"));
        await sim.StopReplAsync();
        await sim.Session.UnmountAsync(T);

        Assert.Equal("after", sim.Dir.Read("state.txt"));
        Assert.Single(Directory.EnumerateFileSystemEntries(sim.Dir.Path));
    }

    [Theory]
    [InlineData("/remote/../outside.txt")]
    [InlineData("/remote/sub/../../outside.txt")]
    public async Task Dot_dot_paths_stay_inside_the_mount(string path)
    {
        using var parent = new TempDir();
        var inner = Path.Combine(parent.Path, "mounted");
        Directory.CreateDirectory(inner);
        parent.Write("outside.txt", "secret");
        await using var sim = SimMount.Start(dir: new TempDirAt(inner));
        sim.Dir.Write("outside.txt", "inside");
        await sim.MountAsync();
        await sim.StartReplAsync();

        // ".." stops at the mount root (POSIX "/.." = "/"): the board reads the file inside the mount.
        var bytes = await sim.Board.Files.ReadAllBytesAsync(path, T);
        await sim.StopReplAsync();
        Assert.Equal("inside", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task A_symlink_leading_out_of_the_mount_is_refused_with_EPERM()
    {
        using var outside = new TempDir();
        outside.Write("secret.txt", "secret");
        await using var sim = SimMount.Start();
        File.CreateSymbolicLink(Path.Combine(sim.Dir.Path, "link.txt"), Path.Combine(outside.Path, "secret.txt"));
        await sim.MountAsync();
        await sim.StartReplAsync();

        var error = await Assert.ThrowsAsync<SimulatedBoardException>(() => sim.Board.Files.ReadAllBytesAsync("/remote/link.txt", T));
        await sim.StopReplAsync();
        Assert.Equal(1, error.Errno);
    }

    /// <summary>Mounts an existing directory (kept by its owner).</summary>
    private sealed class TempDirAt(string path) : TempDirBase(path);
}
