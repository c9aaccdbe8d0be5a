using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Mip;

/// <summary>"mip install" end to end: the real installer, a simulated board, and an index on a local HTTP server.</summary>
public sealed class MipInstallerTests
{
    private const string Index = "http://SERVER/pi";

    private static MipStep Step(MipHarness h, params string[] packages) => new(packages, Index: h.Index);

    [Fact]
    public async Task IndexPackageInstallsItsFilesAndEachDependencyOnce()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("aioble", [("aioble/__init__.mpy", "init"), ("aioble/core.mpy", "core")],
            deps: [("collections-deque", "latest"), ("shared", "latest")]);
        h.AddIndexPackage("collections-deque", [("collections/deque.mpy", "deque")], deps: [("shared", "latest"), ("aioble", "latest")]);
        h.AddIndexPackage("shared", [("shared.mpy", "shared")]);

        var (output, error) = await h.InstallAsync(Step(h, "aioble"));

        Assert.Null(error);
        Assert.Equal(
            $"""
            Install aioble
            Installing aioble (latest) from {Index} to /lib
            Installing: /lib/aioble/__init__.mpy
            Installing: /lib/aioble/core.mpy
            Installing collections-deque (latest) from {Index} to /lib
            Installing: /lib/collections/deque.mpy
            Installing shared (latest) from {Index} to /lib
            Installing: /lib/shared.mpy
            Done

            """, output);
        Assert.Equal("init", h.ReadBoardFile("/lib/aioble/__init__.mpy"));
        Assert.Equal("core", h.ReadBoardFile("/lib/aioble/core.mpy"));
        Assert.Equal("deque", h.ReadBoardFile("/lib/collections/deque.mpy"));
        Assert.Equal("shared", h.ReadBoardFile("/lib/shared.mpy"));
        Assert.Single(h.Server.Requests, r => r == "/pi/package/6/shared/latest.json");
    }

    [Fact]
    public async Task NameAtVersionFetchesThatVersionsManifest()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("foo", [("foo.mpy", "old")], version: "1.0.0");
        h.AddIndexPackage("foo", [("foo.mpy", "new")]);

        var (output, error) = await h.InstallAsync(Step(h, "foo@1.0.0"));

        Assert.Null(error);
        Assert.StartsWith($"Install foo\nInstalling foo (1.0.0) from {Index} to /lib\n", output, StringComparison.Ordinal);
        Assert.Equal("old", h.ReadBoardFile("/lib/foo.mpy"));
        Assert.Contains("/pi/package/6/foo/1.0.0.json", h.Server.Requests);
    }

    [Fact]
    public async Task NoMpyUsesThePySourcesOfTheIndex()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("foo", [("foo.mpy", "bytecode")]);
        h.AddIndexPackage("foo", [("foo.py", "source")], mpy: "py");

        var (output, error) = await h.InstallAsync(new MipStep(["foo"], Index: h.Index, Mpy: false));

        Assert.Null(error);
        Assert.Contains("Installing: /lib/foo.py\nDone\n", output, StringComparison.Ordinal);
        Assert.Equal("source", h.ReadBoardFile("/lib/foo.py"));
        Assert.False(h.Flash.FileExists("/lib/foo.mpy"));
    }

    [Fact]
    public async Task BoardWithoutMpySupportGetsPySources()
    {
        await using var h = MipHarness.Start(new SimulatedBoardOptions { MpyVersion = 0 });
        h.AddIndexPackage("foo", [("foo.py", "source")], mpy: "py");

        var (_, error) = await h.InstallAsync(Step(h, "foo"));

        Assert.Null(error);
        Assert.Equal("source", h.ReadBoardFile("/lib/foo.py"));
    }

    [Fact]
    public async Task TargetCreatesMissingDirectoriesOneLevelAtATime()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("foo", [("foo/sub/m.mpy", "m")]);

        var (output, error) = await h.InstallAsync(new MipStep(["foo"], Target: "/data/libs/", Index: h.Index));

        Assert.Null(error);
        Assert.Equal($"Install foo\nInstalling foo (latest) from {Index} to /data/libs\nInstalling: /data/libs/foo/sub/m.mpy\nDone\n", output);
        Assert.Equal("m", h.ReadBoardFile("/data/libs/foo/sub/m.mpy"));
        Assert.False(h.Flash.DirectoryExists("/lib"));
    }

    [Fact]
    public async Task UrlToAPyFileDownloadsThatFile()
    {
        await using var h = MipHarness.Start();
        h.Server.Add("/raw/tools/helper.py", "print('hi')\n");

        var (output, error) = await h.InstallAsync(Step(h, h.Server.BaseUrl + "/raw/tools/helper.py"));

        Assert.Null(error);
        Assert.Equal(
            """
            Install http://SERVER/raw/tools/helper.py
            Downloading http://SERVER/raw/tools/helper.py to /lib
            Installing: /lib/helper.py
            Done

            """, output);
        Assert.Equal("print('hi')\n", h.ReadBoardFile("/lib/helper.py"));
    }

    [Fact]
    public async Task UrlToAPackageResolvesRelativeUrlsAgainstItsPackageJson()
    {
        await using var h = MipHarness.Start();
        h.Server.Add("/repo/package.json", MipHarness.Manifest(urls:
        [
            ["pkg/__init__.py", "src/init.py"],
            ["pkg/b.py", "b.py"],
            ["pkg/c.py", h.Server.BaseUrl + "/elsewhere/c.py"],
        ]));
        h.Server.Add("/repo/src/init.py", "init");
        h.Server.Add("/repo/b.py", "b");
        h.Server.Add("/elsewhere/c.py", "c");

        var (output, error) = await h.InstallAsync(Step(h, h.Server.BaseUrl + "/repo"));

        Assert.Null(error);
        Assert.Equal(
            """
            Install http://SERVER/repo
            Installing http://SERVER/repo/package.json to /lib
            Installing: /lib/pkg/__init__.py
            Installing: /lib/pkg/b.py
            Installing: /lib/pkg/c.py
            Done

            """, output);
        Assert.Equal("init", h.ReadBoardFile("/lib/pkg/__init__.py"));
        Assert.Equal("b", h.ReadBoardFile("/lib/pkg/b.py"));
        Assert.Equal("c", h.ReadBoardFile("/lib/pkg/c.py"));
    }

    [Fact]
    public async Task GithubAndGitlabSpecsFetchRawContentAtTheRef()
    {
        await using var h = MipHarness.Start();
        // github:org/repo@v2 → package.json at the v2 ref; its relative url and its gitlab dependency (at HEAD).
        h.Server.Add("/github/org/repo/v2/package.json", MipHarness.Manifest(
            urls: [["repo_mod.py", "src/repo_mod.py"]], deps: [["gitlab:team/tools/sub", "HEAD"]]));
        h.Server.Add("/github/org/repo/v2/src/repo_mod.py", "github file");
        h.Server.Add("/gitlab/team/tools/-/raw/HEAD/sub/package.json", MipHarness.Manifest(urls: [["tool.py", "gitlab:team/tools/tool.py"]]));
        h.Server.Add("/gitlab/team/tools/-/raw/HEAD/tool.py", "gitlab file");

        var (output, error) = await h.InstallAsync(Step(h, "github:org/repo@v2"));

        Assert.Null(error);
        Assert.Equal(
            """
            Install github:org/repo
            Installing github:org/repo/package.json to /lib
            Installing: /lib/repo_mod.py
            Installing gitlab:team/tools/sub/package.json to /lib
            Installing: /lib/tool.py
            Done

            """, output);
        Assert.Equal("github file", h.ReadBoardFile("/lib/repo_mod.py"));
        Assert.Equal("gitlab file", h.ReadBoardFile("/lib/tool.py"));
    }

    [Fact]
    public async Task SecondInstallSkipsFilesWhoseHashMatchesAndReplacesChangedOnes()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("foo", [("foo/a.mpy", "aaa"), ("foo/b.mpy", "bbb")]);
        Assert.Null((await h.InstallAsync(Step(h, "foo"))).Error);
        h.Flash.WriteFile("/lib/foo/b.mpy", "changed on the board");
        h.Server.ClearRequests();

        var (output, error) = await h.InstallAsync(Step(h, "foo"));

        Assert.Null(error);
        Assert.Equal(
            $"""
            Install foo
            Installing foo (latest) from {Index} to /lib
            Exists: /lib/foo/a.mpy
            Installing: /lib/foo/b.mpy
            Done

            """, output);
        Assert.Equal("bbb", h.ReadBoardFile("/lib/foo/b.mpy"));
        Assert.DoesNotContain($"/pi/file/{MipHarness.ShortHash("aaa"u8.ToArray())[..2]}/{MipHarness.ShortHash("aaa"u8.ToArray())}", h.Server.Requests);
    }

    [Fact]
    public async Task UnknownPackageIsNotFound()
    {
        await using var h = MipHarness.Start();

        var (output, error) = await h.InstallAsync(Step(h, "nope"));

        Assert.Equal($"Install nope\nInstalling nope (latest) from {Index} to /lib\nPackage may be partially installed\n", output);
        Assert.Equal($"Package not found: {h.Index}/package/6/nope/latest.json", error?.Message);
    }

    [Fact]
    public async Task MissingFileIsNotFoundAndEarlierFilesStay()
    {
        await using var h = MipHarness.Start();
        h.Server.Add("/p/package.json", MipHarness.Manifest(urls: [["a.py", "a.py"], ["b.py", "b.py"]]));
        h.Server.Add("/p/a.py", "a");

        var (output, error) = await h.InstallAsync(Step(h, h.Server.BaseUrl + "/p/package.json"));

        Assert.EndsWith("Installing: /lib/a.py\nPackage may be partially installed\n", output, StringComparison.Ordinal);
        Assert.Equal($"File not found: {h.Server.BaseUrl}/p/b.py", error?.Message);
        Assert.Equal("a", h.ReadBoardFile("/lib/a.py"));
    }

    [Fact]
    public async Task ServerErrorNamesTheStatus()
    {
        await using var h = MipHarness.Start();
        h.Server.Fail("/pi/package/6/foo/latest.json", 503);

        var (_, error) = await h.InstallAsync(Step(h, "foo"));

        Assert.Equal($"Error 503 requesting {h.Index}/package/6/foo/latest.json", error?.Message);
    }

    [Fact]
    public async Task DownloadWithTheWrongHashIsRefused()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("foo", [("foo.mpy", "genuine")]);
        var hash = MipHarness.ShortHash("genuine"u8.ToArray());
        h.Server.Add($"/pi/file/{hash[..2]}/{hash}", "tampered");

        var (output, error) = await h.InstallAsync(Step(h, "foo"));

        Assert.EndsWith($"from {Index} to /lib\nPackage may be partially installed\n", output, StringComparison.Ordinal);
        Assert.NotNull(error);
        Assert.StartsWith($"Hash mismatch: {h.Index}/file/{hash[..2]}/{hash} has SHA-256 {MipHarness.ShortHash("tampered"u8.ToArray())}...",
            error.Message, StringComparison.Ordinal);
        Assert.False(h.Flash.FileExists("/lib/foo.mpy"));
    }

    [Fact]
    public async Task FullFlashFailsWithTheBoardsError()
    {
        await using var h = MipHarness.Start(new SimulatedBoardOptions { FlashCapacity = 4096 });
        h.AddIndexPackage("big", [("small.mpy", "small"), ("big.mpy", new string('x', 8192))]);

        var (output, error) = await h.InstallAsync(Step(h, "big"));

        Assert.EndsWith("Installing: /lib/big.mpy\nPackage may be partially installed\n", output, StringComparison.Ordinal);
        Assert.NotNull(error);
        Assert.StartsWith("could not write /lib/big.mpy: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(no space left on the board)", error.Message, StringComparison.Ordinal);
        Assert.Equal("small", h.ReadBoardFile("/lib/small.mpy"));
    }

    [Fact]
    public async Task UnreachableIndexIsOneLine()
    {
        await using var h = MipHarness.Start();
        // A port that was just free and is closed again: nothing listens there.
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var (_, error) = await h.InstallAsync(new MipStep(["foo"], Index: $"http://127.0.0.1:{port}/pi/"));

        Assert.NotNull(error);
        Assert.EndsWith($" requesting http://127.0.0.1:{port}/pi/package/6/foo/latest.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task ServerThatNeverAnswersTimesOut()
    {
        await using var h = MipHarness.Start();
        h.Server.Hang("/pi/package/6/foo/latest.json");
        h.RequestTimeout = TimeSpan.FromMilliseconds(300);

        var (_, error) = await h.InstallAsync(Step(h, "foo"));

        Assert.Equal($"No answer within 0.3 s requesting {h.Index}/package/6/foo/latest.json", error?.Message);
    }

    [Fact]
    public async Task SeveralPackagesEachGetInstallAndDone()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("a", [("a.mpy", "a")], deps: [("c", "latest")]);
        h.AddIndexPackage("b", [("b.mpy", "b")], deps: [("c", "latest")]);
        h.AddIndexPackage("c", [("c.mpy", "c")]);

        var (output, error) = await h.InstallAsync(Step(h, "a", "b"));

        Assert.Null(error);
        Assert.Equal(
            $"""
            Install a
            Installing a (latest) from {Index} to /lib
            Installing: /lib/a.mpy
            Installing c (latest) from {Index} to /lib
            Installing: /lib/c.mpy
            Done
            Install b
            Installing b (latest) from {Index} to /lib
            Installing: /lib/b.mpy
            Done

            """, output);
    }

    [Fact]
    public async Task LocalPackageJsonInstallsItsLocalFiles()
    {
        await using var h = MipHarness.Start();
        var dir = h.Mount.Dir;
        dir.Write("pkg/mod.py", "local module");
        var json = dir.Write("pkg/package.json", MipHarness.Manifest(urls: [["mod.py", "mod.py"]]));

        var (output, error) = await h.InstallAsync(Step(h, json));

        Assert.Null(error);
        Assert.Equal($"Install {json}\nInstalling: /lib/mod.py\nDone\n", output);
        Assert.Equal("local module", h.ReadBoardFile("/lib/mod.py"));
    }

    [Fact]
    public async Task TerminalShowsTheCopyProgressBarForLargeFiles()
    {
        await using var h = MipHarness.Start();
        h.Mount.Console.OutputIsTerminal = true;
        h.AddIndexPackage("big", [("big.mpy", new string('x', 6000))]);

        var (output, error) = await h.InstallAsync(Step(h, "big"));

        Assert.Null(error);
        Assert.Contains("Installing: /lib/big.mpy\n\r ... copying ", output, StringComparison.Ordinal);
        Assert.EndsWith("\rDone\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoardWithoutALibDirectoryNeedsATarget()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("foo", [("foo.mpy", "foo")]);

        var (output, error) = await h.InstallAsync(Step(h, "foo"), sysPath: ["", ".frozen", "/rom/lib"]);

        Assert.Equal("Install foo\n", output);
        Assert.Equal("Unable to find lib dir in sys.path, use --target to override", error?.Message);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task TargetIsTheFirstLibDirectoryOutsideRom()
    {
        await using var h = MipHarness.Start();
        h.AddIndexPackage("foo", [("foo.mpy", "foo")]);

        var (output, error) = await h.InstallAsync(Step(h, "foo"), sysPath: ["", "/rom/lib", "/flash/lib", "/lib"]);

        Assert.Null(error);
        Assert.Contains($"Installing foo (latest) from {Index} to /flash/lib\nInstalling: /flash/lib/foo.mpy\n", output, StringComparison.Ordinal);
        Assert.Equal("foo", h.ReadBoardFile("/flash/lib/foo.mpy"));
    }

    [Fact]
    public async Task MalformedIndexUrlIsOneLine()
    {
        await using var h = MipHarness.Start();

        var (_, error) = await h.InstallAsync(new MipStep(["foo"], Index: "http://[bad"));

        Assert.Equal("Invalid URL: http://[bad/package/6/foo/latest.json", error?.Message);
    }
}
