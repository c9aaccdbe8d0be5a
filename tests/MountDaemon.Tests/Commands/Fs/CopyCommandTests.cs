using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

/// <summary>cp of single files in all four directions, with mpremote's destination rules and messages.</summary>
public class CopyCommandTests
{
    private const string Hello = "print(\"Hello\")\nprint(\"World\")\n";

    [Fact]
    public async Task HostToBoardIntoTheCwdAndToNames()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a.py", Hello);
        Assert.Equal("cp a.py :\ncp a.py :b.py\n", await h.RunAsync("cp", "a.py", ":") + await h.RunAsync("cp", "a.py", ":b.py"));
        Assert.Equal(Hello, System.Text.Encoding.UTF8.GetString(h.Board.Flash.ReadFile("/a.py")!));
        Assert.Equal(Hello, System.Text.Encoding.UTF8.GetString(h.Board.Flash.ReadFile("/b.py")!));
    }

    [Fact]
    public async Task AnUnchangedBoardFileIsUpToDateUnlessForced()
    {
        await using var h = FsHarness.Start();
        var a = h.Host.Write("a.py", Hello);
        h.Board.Flash.CreateDirectory("/aaa");
        Assert.Equal($"cp {a} :aaa\n", await h.RunAsync("cp", a, ":aaa"));
        Assert.Equal($"cp {a} :aaa/\nUp to date: aaa/a.py\n", await h.RunAsync("cp", a, ":aaa/"));
        Assert.Equal("cp a.py :\ncp a.py :\nUp to date: ./a.py\n", await h.RunAsync("cp", "a.py", ":") + await h.RunAsync("cp", "a.py", ":"));
        Assert.Equal("cp a.py :aaa\n", await h.RunAsync(new FsStep("cp", ["a.py", ":aaa"], Force: true)));
    }

    [Fact]
    public async Task WithoutHashlibOnTheBoardTheFileIsDownloadedAndHashedHere()
    {
        await using var h = FsHarness.Start();
        NoHashlibBoard? board = null;
        h.Wrap = fs => board = new NoHashlibBoard(fs);
        h.Host.Write("a.py", Hello);
        h.Board.Flash.WriteFile("/a.py", Hello);
        h.Board.Flash.WriteFile("/b.py", "other\n");
        Assert.Equal("cp a.py :a.py\nUp to date: a.py\n", await h.RunAsync("cp", "a.py", ":a.py"));
        Assert.Equal(1, board!.HashCalls);
        Assert.Equal("cp a.py :b.py\n", await h.RunAsync("cp", "a.py", ":b.py"));
        Assert.Equal(Hello, System.Text.Encoding.UTF8.GetString(h.Board.Flash.ReadFile("/b.py")!));
    }

    [Fact]
    public async Task AChangedBoardFileIsWritten()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a.py", Hello);
        h.Board.Flash.WriteFile("/a.py", "old\n");
        Assert.Equal("cp a.py :a.py\n", await h.RunAsync("cp", "a.py", ":a.py"));
        Assert.Equal(Hello, System.Text.Encoding.UTF8.GetString(h.Board.Flash.ReadFile("/a.py")!));
    }

    [Fact]
    public async Task ATrailingSlashInsistsOnADirectory()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a.py", Hello);
        h.Board.Flash.WriteFile("/aaa/a.py", Hello);
        Assert.Equal("cp: destination is not a directory", await h.FailAsync("cp", "a.py", ":aaa/a.py/"));
        Assert.Equal("cp: destination is not a directory", await h.FailAsync("cp", ":aaa/a.py", "newdir/"));
        Assert.False(h.Host.Exists("newdir"));
    }

    [Fact]
    public async Task ColonSlashIsTheRootNotTheCwd()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a.py", Hello);
        h.Sim.Dir.Write("main.py", "");
        await h.MountAsync();
        await h.RunAsync("cp", "a.py", ":/");
        Assert.True(h.Board.Flash.FileExists("/a.py"));
        Assert.False(h.Sim.Dir.Exists("a.py"));
    }

    [Fact]
    public async Task ColonSlashPrintsAsMpremoteWhenTheCwdIsTheRoot()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a.py", Hello);
        await h.RunAsync("cp", "a.py", ":/");
        Assert.Equal("cp a.py :/\nUp to date: ./a.py\n", await h.RunAsync("cp", "a.py", ":/"));
    }

    [Fact]
    public async Task BoardToHostIntoADirectoryOrToAName()
    {
        await using var h = FsHarness.Start();
        var data = Enumerable.Range(0, 3000).Select(i => (byte)(i * 13)).ToArray();
        h.Board.Flash.WriteFile("/lib/blob.bin", data);
        Directory.CreateDirectory(Path.Combine(h.Host.Path, "copy"));
        Assert.Equal("cp :lib/blob.bin copy\ncp :lib/blob.bin other.bin\n",
            await h.RunAsync("cp", ":lib/blob.bin", "copy") + await h.RunAsync("cp", ":lib/blob.bin", "other.bin"));
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(h.Host.Path, "copy", "blob.bin")));
        Assert.Equal(data, File.ReadAllBytes(Path.Combine(h.Host.Path, "other.bin")));
        // No temporary files are left next to them.
        Assert.Equal(["blob.bin"], Directory.GetFiles(Path.Combine(h.Host.Path, "copy")).Select(Path.GetFileName));
        Assert.Equal(2, Directory.GetFileSystemEntries(h.Host.Path).Length);
    }

    [Fact]
    public async Task BoardToBoardAndHostToHost()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", Hello);
        h.Host.Write("x.txt", "host\n");
        Assert.Equal("cp :a.py :d.py\ncp x.txt y.txt\n", await h.RunAsync("cp", ":a.py", ":d.py") + await h.RunAsync("cp", "x.txt", "y.txt"));
        Assert.Equal(Hello, System.Text.Encoding.UTF8.GetString(h.Board.Flash.ReadFile("/d.py")!));
        Assert.Equal("host\n", h.Host.Read("y.txt"));
        Assert.Equal("cp :a.py :d.py\nUp to date: d.py\n", await h.RunAsync("cp", ":a.py", ":d.py"));
    }

    [Fact]
    public async Task SeveralSourcesNeedAnExistingDirectory()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a.py", "a\n");
        h.Host.Write("b.py", "b\n");
        h.Board.Flash.CreateDirectory("/lib");
        h.Board.Flash.WriteFile("/file.py", "");
        Assert.Equal("cp a.py :lib\ncp b.py :lib\n", await h.RunAsync("cp", "a.py", "b.py", ":lib"));
        Assert.Equal(["a.py", "b.py"], h.Board.Flash.ListDirectory("/lib"));
        Assert.Equal("cp: destination does not exist", await h.FailAsync("cp", "a.py", "b.py", ":nope"));
        Assert.Equal("cp: destination is not a directory", await h.FailAsync("cp", "a.py", "b.py", ":file.py"));
        Assert.Equal("cp: destination does not exist", await h.FailAsync("cp", ":lib/a.py", ":lib/b.py", "nope"));
    }

    [Fact]
    public async Task ADirectoryNeedsRecursive()
    {
        await using var h = FsHarness.Start();
        Directory.CreateDirectory(Path.Combine(h.Host.Path, "package"));
        h.Board.Flash.CreateDirectory("/lib");
        Assert.Equal("cp: -r not specified; omitting directory", await h.FailAsync("cp", "package", ":"));
        Assert.Equal("cp: -r not specified; omitting directory", await h.FailAsync("cp", ":lib", "."));
    }

    [Fact]
    public async Task MissingSourcesNameThePath()
    {
        await using var h = FsHarness.Start();
        // mpremote says "cp: No such file or directory: No such file or directory." for the host case.
        Assert.Equal("cp: nope.py: No such file or directory.", await h.FailAsync("cp", "nope.py", ":"));
        Assert.Equal("cp: :/x.py: No such file or directory.", await h.FailAsync("cp", ":/x.py", "x.py"));
        Assert.False(h.Host.Exists("x.py"));
    }

    [Fact]
    public async Task MissingDestinationDirectories()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("a.py", "a\n");
        h.Board.Flash.WriteFile("/a.py", "a\n");
        Assert.Equal("cp: nodir/a.py: No such file or directory.", await h.FailAsync("cp", ":a.py", "nodir/a.py"));
        Assert.Equal("cp: :nodir/a.py: No such file or directory.", await h.FailAsync("cp", "a.py", ":nodir/a.py"));
    }

    [Fact]
    public async Task AHostPermissionErrorIsOneLine()
    {
        if (!OperatingSystem.IsLinux())
            return;
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "a\n");
        // sysfs refuses new files even to root, so this holds whoever runs the tests.
        Assert.Equal("cp: /sys/mpyd-test.py: Permission denied.", await h.FailAsync("cp", ":a.py", "/sys/mpyd-test.py"));
    }

    [Fact]
    public async Task AFullBoardIsOneLineAndKeepsTheOldFile()
    {
        await using var h = FsHarness.Start(new SimulatedBoardOptions { FlashCapacity = 8192 });
        h.Board.Flash.WriteFile("/big.bin", new byte[100]);
        h.Host.Write("big.bin", new byte[10000]);
        Assert.Equal("cp: :./big.bin: No space left on device.", await h.FailAsync("cp", "big.bin", ":"));
        Assert.Equal(100, h.Board.Flash.ReadFile("/big.bin")!.Length);
    }

    [Fact]
    public async Task ProgressBarOnlyOnATerminalForBigFiles()
    {
        await using var h = FsHarness.Start();
        h.Host.Write("big.bin", new byte[5000]);
        h.Host.Write("small.bin", new byte[2047]);
        Assert.Equal("cp big.bin :\n", await h.RunAsync("cp", "big.bin", ":"));
        h.Console.OutputIsTerminal = true;
        Assert.Equal("cp small.bin :\n", await h.RunAsync("cp", "small.bin", ":"));
        var output = await h.RunAsync(new FsStep("cp", ["big.bin", ":big2.bin"], Verbose: false));
        Assert.StartsWith("\r ... copying ", output);
        Assert.EndsWith("\r" + new string(' ', 40) + "\r", output);
        Assert.Contains("\r ... copying ", await h.RunAsync(new FsStep("cp", [":big2.bin", "back.bin"], Verbose: false)));
    }

    [Fact]
    public async Task NoDestinationIsAnError()
    {
        await using var h = FsHarness.Start();
        Assert.Equal("cp: missing destination path", await h.FailAsync("cp", "a.py"));
    }
}
