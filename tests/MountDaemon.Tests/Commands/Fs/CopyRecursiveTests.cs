using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

/// <summary>cp -r: the scenarios of mpremote's own filesystem tests, and the cases where mpremote fails.</summary>
public class CopyRecursiveTests
{
    private static FsHarness WithPackage()
    {
        var h = FsHarness.Start();
        h.Host.Write("package/__init__.py", "from .x import x\nfrom .subpackage import y\n");
        h.Host.Write("package/x.py", "def x():\n  print(\"x\")\n");
        h.Host.Write("package/subpackage/__init__.py", "from .y import y\n");
        h.Host.Write("package/subpackage/y.py", "def y():\n  print(\"y\")\n");
        return h;
    }

    private static readonly string[] s_package = ["__init__.py", "subpackage/", "subpackage/__init__.py", "subpackage/y.py", "x.py"];

    // Every path below a board directory, directories with '/', sorted.
    private static List<string> BoardTree(FsHarness h, string root)
    {
        var result = new List<string>();
        void Walk(string dir, string prefix)
        {
            foreach (var name in h.Board.Flash.ListDirectory(dir))
            {
                var full = dir.TrimEnd('/') + "/" + name;
                if (h.Board.Flash.DirectoryExists(full))
                {
                    result.Add(prefix + name + "/");
                    Walk(full, prefix + name + "/");
                }
                else
                {
                    result.Add(prefix + name);
                }
            }
        }
        Walk(root, "");
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static List<string> HostTree(string root)
    {
        var result = Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/') + (Directory.Exists(p) ? "/" : ""))
            .ToList();
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static FsStep Cp(params string[] paths) => new("cp", paths, Recursive: true);

    [Fact]
    public async Task HostTreeToTheCwdThenUpToDateExceptTheChangedFile()
    {
        await using var h = WithPackage();
        Assert.Equal("cp package :\n", await h.RunAsync(Cp("package", ":")));
        Assert.Equal(["package/", .. s_package.Select(p => "package/" + p)], BoardTree(h, "/"));
        Assert.Equal("from .y import y\n"u8.ToArray(), h.Board.Flash.ReadFile("/package/subpackage/__init__.py"));

        h.Host.Write("package/subpackage/y.py", "def y():\n  print(\"y2\")\n");
        Assert.Equal("""
            cp package :
            Up to date: ./package/__init__.py
            Up to date: ./package/subpackage/__init__.py
            Up to date: ./package/x.py

            """, await h.RunAsync(Cp("package", ":")));
        Assert.Equal("def y():\n  print(\"y2\")\n"u8.ToArray(), h.Board.Flash.ReadFile("/package/subpackage/y.py"));
    }

    [Fact]
    public async Task IntoTheRootWhileMounted()
    {
        await using var h = WithPackage();
        h.Sim.Dir.Write("main.py", "");
        await h.MountAsync();
        await h.RunAsync(Cp("package", ":/"));
        Assert.Equal(["package/", .. s_package.Select(p => "package/" + p)], BoardTree(h, "/"));
        Assert.False(h.Sim.Dir.Exists("package"));
        Assert.Equal("cp package/__init__.py :/package/\nUp to date: /package/__init__.py\n",
            await h.RunAsync(Cp("package/__init__.py", ":/package/")));
    }

    [Fact]
    public async Task ANewDestinationBecomesTheCopyAnExistingOneReceivesIt()
    {
        await using var h = WithPackage();
        await h.RunAsync(Cp("package", ":package2"));
        Assert.Equal(s_package, BoardTree(h, "/package2"));
        await h.RunAsync("mkdir", "test");
        await h.RunAsync(Cp("package", ":test"));
        await h.RunAsync(Cp("package/", ":test/package2/"));
        Assert.Equal(["package/", .. s_package.Select(p => "package/" + p), "package2/", .. s_package.Select(p => "package2/" + p)],
            BoardTree(h, "/test"));
    }

    [Fact]
    public async Task BoardTreeToTheHost()
    {
        await using var h = WithPackage();
        // As os.mkdir, only the last directory is created.
        Assert.Equal("cp: :test/package: No such file or directory.", await h.FailAsync(Cp("package", ":test/package")));
        await h.RunAsync("mkdir", "test");
        await h.RunAsync(Cp("package", ":test/package"));
        Directory.CreateDirectory(Path.Combine(h.Host.Path, "copy"));
        await h.RunAsync(Cp(":test/package", "copy"));
        await h.RunAsync(Cp(":test/package", "copy/package2"));
        Assert.Equal(["package/", .. s_package.Select(p => "package/" + p), "package2/", .. s_package.Select(p => "package2/" + p)],
            HostTree(Path.Combine(h.Host.Path, "copy")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(h.Host.Path, "package/x.py")), File.ReadAllBytes(Path.Combine(h.Host.Path, "copy/package2/x.py")));
    }

    [Fact]
    public async Task BoardTreeToTheBoard()
    {
        await using var h = WithPackage();
        await h.RunAsync(Cp("package", ":"));
        await h.RunAsync(Cp(":package", ":package3"));
        await h.RunAsync("mkdir", "package4");
        await h.RunAsync(Cp(":package", ":package4"));
        Assert.Equal(s_package, BoardTree(h, "/package3"));
        Assert.Equal(["package/", .. s_package.Select(p => "package/" + p)], BoardTree(h, "/package4"));
    }

    [Fact]
    public async Task HostToHostWithTrailingSlashesAsUnixCp()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a/x.py", "");
        h.Host.Write("a/b/y.py", "");
        var step = (string[] p) => new FsStep("cp", p, Recursive: true, Verbose: false);
        Assert.Equal("", await h.RunAsync(step(["a", "b1"])));
        await h.RunAsync(step(["a/", "b2"]));
        await h.RunAsync(step(["a", "b3/"]));
        await h.RunAsync(step([Path.Combine(h.Host.Path, "a") + "/", Path.Combine(h.Host.Path, "b4") + "/"]));
        foreach (var c in new[] { "c1", "c2", "c3", "c4" })
            Directory.CreateDirectory(Path.Combine(h.Host.Path, c));
        await h.RunAsync(step(["a", "c1"]));
        await h.RunAsync(step(["a/", "c2"]));
        await h.RunAsync(step(["a", "c3/"]));
        await h.RunAsync(step(["a/", "c4/"]));
        string[] tree = ["b/", "b/y.py", "x.py"];
        foreach (var b in new[] { "b1", "b2", "b3", "b4" })
            Assert.Equal(tree, HostTree(Path.Combine(h.Host.Path, b)));
        foreach (var c in new[] { "c1", "c2", "c3", "c4" })
            Assert.Equal(["a/", .. tree.Select(t => "a/" + t)], HostTree(Path.Combine(h.Host.Path, c)));
    }

    [Fact]
    public async Task AFileIsCopiedAsWithoutRecursive()
    {
        await using var h = WithPackage();
        Assert.Equal("cp package/x.py :\n", await h.RunAsync(Cp("package/x.py", ":")));
        Assert.True(h.Board.Flash.FileExists("/x.py"));
        Assert.Equal("cp: nope: No such file or directory.", await h.FailAsync(Cp("nope", ":")));
    }

    [Fact]
    public async Task ADirectoryWithoutSubdirectoriesToANewName()
    {
        // mpremote sees no directory to create and falls back to a plain copy: "-r not specified".
        await using var h = FsHarness.Start();
        h.Host.Write("flat/a.py", "a\n");
        h.Host.Write("flat/b.py", "b\n");
        await h.RunAsync(Cp("flat", ":lib"));
        Assert.Equal(["a.py", "b.py"], BoardTree(h, "/lib"));
        await h.RunAsync(Cp(":lib", "back"));
        Assert.Equal(["a.py", "b.py"], HostTree(Path.Combine(h.Host.Path, "back")));
    }

    [Fact]
    public async Task AnEmptyDirectory()
    {
        await using var h = FsHarness.Start();
        Directory.CreateDirectory(Path.Combine(h.Host.Path, "empty"));
        await h.RunAsync(Cp("empty", ":e"));
        Assert.True(h.Board.Flash.DirectoryExists("/e"));
        Assert.Empty(h.Board.Flash.ListDirectory("/e"));
    }

    [Fact]
    public async Task AnAbsoluteBoardSourceIsNotTakenFromTheCwd()
    {
        // mpremote takes "/lib" as "./lib": with the cwd at /remote it copies the mounted directory's lib.
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/lib/board.py", "");
        h.Board.Flash.WriteFile("/lib/sub/s.py", "");
        h.Sim.Dir.Write("lib/host.py", "");
        await h.MountAsync();
        await h.RunAsync(Cp(":/lib", "saved"));
        Assert.Equal(["board.py", "sub/", "sub/s.py"], HostTree(Path.Combine(h.Host.Path, "saved")));
    }

    [Fact]
    public async Task AHostDestinationWhoseParentIsMissing()
    {
        await using var h = WithPackage();
        await h.RunAsync(Cp("package", ":"));
        Assert.Equal("cp: no/such/dir: No such file or directory.", await h.FailAsync(Cp(":package", "no/such/dir")));
        h.Host.Write("file.txt", "");
        Assert.Equal("cp: file.txt/dir: Not a directory.", await h.FailAsync(Cp(":package", "file.txt/dir")));
    }
}
