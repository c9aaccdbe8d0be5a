using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class TreeCommandTests
{
    private static FsHarness WithFiles()
    {
        var h = FsHarness.Start();
        foreach (var f in new[] { "/b.py", "/a.py", "/foo/ba.py", "/foo/aa.py", "/bar/bbbb.py", "/bar/aaa.py", "/bar/baz/aaa.py",
                     "/bar/baz/quux/xen/aaa.py" })
            h.Board.Flash.WriteFile(f, "");
        h.Board.Flash.WriteFile("/data/file1.txt", new byte[20]);
        h.Board.Flash.WriteFile("/data/file3.txt", new byte[1096]);
        h.Board.Flash.WriteFile("/data/file4.txt", new byte[2192]);
        return h;
    }

    [Fact]
    public async Task NoPathShowsTheCwdSortedWithConnectors()
    {
        await using var h = WithFiles();
        Assert.Equal("""
            tree :
            :/
            ├── a.py
            ├── b.py
            ├── bar
            │   ├── aaa.py
            │   ├── baz
            │   │   ├── aaa.py
            │   │   └── quux
            │   │       └── xen
            │   │           └── aaa.py
            │   └── bbbb.py
            ├── data
            │   ├── file1.txt
            │   ├── file3.txt
            │   └── file4.txt
            └── foo
                ├── aa.py
                └── ba.py

            """, await h.RunAsync("tree"));
    }

    [Fact]
    public async Task DotIsTheCwdToo()
    {
        await using var h = WithFiles();
        var output = await h.RunAsync("tree", ":.");
        Assert.StartsWith("tree :.\n:/\n├── a.py\n", output);
    }

    [Fact]
    public async Task EachPathGetsItsOwnTree()
    {
        await using var h = WithFiles();
        Assert.Equal("tree :foo\n:foo\n├── aa.py\n└── ba.py\ntree :bar/baz\n:bar/baz\n├── aaa.py\n└── quux\n    └── xen\n        └── aaa.py\n",
            await h.RunAsync("tree", ":foo", "bar/baz"));
    }

    [Fact]
    public async Task SizesInBytesAndHumanForm()
    {
        await using var h = WithFiles();
        Assert.Equal(":data\n├── [       20]  file1.txt\n├── [     1096]  file3.txt\n└── [     2192]  file4.txt\n",
            await h.RunAsync(new FsStep("tree", [":data"], Verbose: false, Size: true)));
        Assert.Equal(":data\n├── [    20]  file1.txt\n├── [  1.1K]  file3.txt\n└── [  2.1K]  file4.txt\n",
            await h.RunAsync(new FsStep("tree", [":data"], Verbose: false, Human: true)));
    }

    [Fact]
    public async Task ExplicitVerboseNamesThePort()
    {
        await using var h = WithFiles();
        Assert.StartsWith("tree :foo\n:foo on sim\n├── aa.py\n", await h.RunAsync(new FsStep("tree", [":foo"], Verbose: true)));
    }

    [Fact]
    public async Task NotADirectory()
    {
        await using var h = WithFiles();
        Assert.Equal("tree: 'not_there' is not a directory", await h.FailAsync("tree", ":not_there"));
        Assert.Equal("tree: 'a.py' is not a directory", await h.FailAsync("tree", ":a.py"));
    }
}
