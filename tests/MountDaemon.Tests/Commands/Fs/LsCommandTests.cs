using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class LsCommandTests
{
    [Fact]
    public async Task ListsTheCwdWithAHeader()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "print(1)\n");
        h.Board.Flash.CreateDirectory("/lib");
        Assert.Equal("ls :\n           9 a.py\n           0 lib/\n", await h.RunAsync("ls"));
    }

    [Fact]
    public async Task ListsEachPathAndTheColonIsOptional()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/lib/x.py", "x = 1\n");
        h.Board.Flash.WriteFile("/b/y.py", "");
        Assert.Equal("ls :lib\n           6 x.py\nls :b\n           0 y.py\n", await h.RunAsync("ls", ":lib", "b"));
    }

    [Fact]
    public async Task NoVerboseLeavesTheHeaderOut()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "");
        Assert.Equal("           0 a.py\n", await h.RunAsync(new FsStep("ls", [], Verbose: false)));
    }

    [Fact]
    public async Task AMissingDirectoryIsOneLine()
    {
        await using var h = FsHarness.Start();
        Assert.Equal("ls: nope: No such file or directory.", await h.FailAsync("ls", ":nope"));
        Assert.Equal("ls :nope\n", h.Console.Output);
    }

    [Fact]
    public async Task AFileIsNotADirectory()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "");
        Assert.Equal("ls: a.py: Not a directory.", await h.FailAsync("ls", "a.py"));
    }
}
