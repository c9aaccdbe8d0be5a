namespace Mpyd.MountDaemon.Tests.Commands.Fs;

/// <summary>The fs commands while a host directory is mounted at /remote (the board's cwd).</summary>
public class MountedBoardTests
{
    [Fact]
    public async Task LsAndCatSeeTheMountedDirectory()
    {
        await using var h = FsHarness.Start();
        h.Sim.Dir.Write("main.py", "print(1)\n");
        await h.MountAsync();
        var listing = await h.RunAsync("ls");
        Assert.StartsWith("ls :\n", listing);
        Assert.Contains(" main.py\n", listing);
        Assert.Equal("print(1)\n", await h.RunAsync("cat", "main.py"));
    }

    [Fact]
    public async Task CpIntoTheMountWritesTheHostFile()
    {
        await using var h = FsHarness.Start();
        h.Sim.Dir.Write("main.py", "");
        h.Board.Flash.WriteFile("/boot.py", "boot\n");
        await h.MountAsync();
        Assert.Equal("cp :/boot.py :\n", await h.RunAsync("cp", ":/boot.py", ":"));
        Assert.Equal("boot\n", h.Sim.Dir.Read("boot.py"));
    }

    [Fact]
    public async Task PlainRmOfAFileInTheMountIsAllowed()
    {
        await using var h = FsHarness.Start();
        h.Sim.Dir.Write("old.py", "");
        await h.MountAsync();
        await h.RunAsync("rm", "old.py");
        Assert.False(h.Sim.Dir.Exists("old.py"));
    }

    [Fact]
    public async Task DfWorksWhileMounted()
    {
        // mpremote's df stops with a traceback here: its mount has no statvfs.
        await using var h = FsHarness.Start();
        h.Sim.Dir.Write("main.py", "");
        await h.MountAsync();
        var lines = (await h.RunAsync("df")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("filesystem     size     used    avail use% mounted on", lines[0]);
        Assert.Contains(lines, l => l.EndsWith(" /", StringComparison.Ordinal));
    }
}
