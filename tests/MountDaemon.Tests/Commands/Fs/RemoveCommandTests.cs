using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class RemoveCommandTests
{
    [Fact]
    public async Task RemovesFiles()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/b.py", "");
        h.Board.Flash.WriteFile("/c.py", "");
        Assert.Equal("rm :b.py\nrm :c.py\n", await h.RunAsync("rm", ":b.py", "c.py"));
        Assert.Empty(h.Board.Flash.ListDirectory("/"));
    }

    [Fact]
    public async Task PlainRmRefusesMissingFilesAndDirectories()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.CreateDirectory("/lib");
        Assert.Equal("rm: nope.py: No such file or directory.", await h.FailAsync("rm", "nope.py"));
        Assert.StartsWith("rm: lib: ", await h.FailAsync("rm", "lib"));
        Assert.True(h.Board.Flash.DirectoryExists("/lib"));
    }

    [Fact]
    public async Task RecursiveRemovesATreeDepthFirst()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/keep.py", "");
        h.Board.Flash.WriteFile("/testdir/package/__init__.py", "");
        h.Board.Flash.WriteFile("/testdir/package/sub/y.py", "");
        Assert.Equal("""
            rm :testdir/package
            removed: 'testdir/package/__init__.py'
            removed: 'testdir/package/sub/y.py'
            removed directory: 'testdir/package/sub'
            removed directory: 'testdir/package'

            """, await h.RunAsync(new FsStep("rm", ["testdir/package"], Recursive: true, Verbose: true)));
        Assert.Equal(["keep.py", "testdir"], h.Board.Flash.ListDirectory("/"));
        Assert.Empty(h.Board.Flash.ListDirectory("/testdir"));
    }

    [Fact]
    public async Task RecursiveIsQuietByDefaultApartFromTheHeader()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/d/x.py", "");
        Assert.Equal("rm :d\n", await h.RunAsync(new FsStep("rm", ["d"], Recursive: true)));
        Assert.False(h.Board.Flash.DirectoryExists("/d"));
    }

    [Fact]
    public async Task RecursiveOnTheCwdEmptiesItButKeepsIt()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "");
        h.Board.Flash.WriteFile("/package/x.py", "");
        Assert.Equal("rm :\nremoved: './a.py'\nremoved: './package/x.py'\nremoved directory: './package'\n",
            await h.RunAsync(new FsStep("rm", [":"], Recursive: true, Verbose: true)));
        Assert.Empty(h.Board.Flash.ListDirectory("/"));
    }

    [Fact]
    public async Task RecursiveOnAMissingPathFails()
    {
        await using var h = FsHarness.Start();
        Assert.Equal("rm: nonexistent: No such file or directory.", await h.FailAsync(new FsStep("rm", [":nonexistent"], Recursive: true)));
    }

    [Theory]
    [InlineData(":")] // the cwd is the mount root: mpremote deletes the host files here
    [InlineData(":.")]
    [InlineData(":/remote")]
    [InlineData(":/remote/")]
    [InlineData(":/remote/lib")]
    [InlineData(":lib")]
    [InlineData(":lib/../lib")]
    [InlineData(":/")]
    public async Task RecursiveNeverTouchesTheMountedHostDirectory(string path)
    {
        await using var h = FsHarness.Start();
        h.Sim.Dir.Write("main.py", "print(1)\n");
        h.Sim.Dir.Write("lib/x.py", "x = 1\n");
        h.Board.Flash.WriteFile("/boot.py", "");
        await h.MountAsync();
        var before = h.Sim.Dir.Snapshot();
        Assert.Equal("rm -r not permitted on /remote directory", await h.FailAsync(new FsStep("rm", [path], Recursive: true, Verbose: true)));
        Assert.Equal(before, h.Sim.Dir.Snapshot());
        Assert.True(h.Board.Flash.FileExists("/boot.py"));
    }

    [Fact]
    public async Task RecursiveOnTheBoardsFlashWorksWhileMounted()
    {
        await using var h = FsHarness.Start();
        h.Sim.Dir.Write("main.py", "print(1)\n");
        h.Board.Flash.WriteFile("/lib/x.py", "");
        await h.MountAsync();
        Assert.Equal("rm :/lib\n", await h.RunAsync(new FsStep("rm", [":/lib"], Recursive: true)));
        Assert.False(h.Board.Flash.DirectoryExists("/lib"));
        Assert.True(h.Sim.Dir.Exists("main.py"));
    }
}
