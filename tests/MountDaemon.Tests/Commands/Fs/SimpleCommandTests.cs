using System.Security.Cryptography;
using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

/// <summary>mkdir, rmdir, touch, the hash sums and df.</summary>
public class SimpleCommandTests
{
    [Fact]
    public async Task MkdirCreatesEachDirectory()
    {
        await using var h = FsHarness.Start();
        Assert.Equal("mkdir :aaa\nmkdir :bbb\n", await h.RunAsync("mkdir", "aaa", ":bbb"));
        Assert.True(h.Board.Flash.DirectoryExists("/aaa"));
        Assert.True(h.Board.Flash.DirectoryExists("/bbb"));
    }

    [Fact]
    public async Task MkdirOfAnExistingDirectoryFails()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.CreateDirectory("/aaa");
        Assert.Equal("mkdir: aaa: File exists.", await h.FailAsync("mkdir", "aaa"));
    }

    [Fact]
    public async Task RmdirRemovesEmptyDirectoriesOnly()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.CreateDirectory("/aaa");
        h.Board.Flash.WriteFile("/full/x.py", "");
        Assert.Equal("rmdir :aaa\n", await h.RunAsync("rmdir", ":aaa"));
        Assert.False(h.Board.Flash.DirectoryExists("/aaa"));
        Assert.StartsWith("rmdir: full: ", await h.FailAsync("rmdir", "full"));
        Assert.True(h.Board.Flash.FileExists("/full/x.py"));
        Assert.Equal("rmdir: nope: No such file or directory.", await h.FailAsync("rmdir", "nope"));
    }

    [Fact]
    public async Task TouchCreatesAndKeepsContent()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/b.py", "keep\n");
        Assert.Equal("touch :a.py\ntouch :b.py\n", await h.RunAsync("touch", "a.py", ":b.py"));
        Assert.Equal(Array.Empty<byte>(), h.Board.Flash.ReadFile("/a.py"));
        Assert.Equal("keep\n"u8.ToArray(), h.Board.Flash.ReadFile("/b.py"));
        Assert.Equal("touch: nodir/a.py: No such file or directory.", await h.FailAsync("touch", "nodir/a.py"));
    }

    [Fact]
    public async Task Sha256sumPrintsTheDigestOnly()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "");
        h.Board.Flash.WriteFile("/b.py", "print(\"Hello\")\nprint(\"World\")\n");
        Assert.Equal(
            "sha256sum :a.py\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            + "sha256sum :b.py\n50f0a701dd6cd6125387b96515300c9d5294c006518f8e62fa9eea3b66587f21\n",
            await h.RunAsync("sha256sum", "a.py", ":b.py"));
    }

    [Fact]
    public async Task OtherAlgorithmsAreHashedHereWhenTheBoardLacksThem()
    {
        await using var h = FsHarness.Start();
        var data = "some bytes\n"u8.ToArray();
        h.Board.Flash.WriteFile("/a.py", data);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)) + "\n", await h.RunAsync(new FsStep("md5sum", ["a.py"], Verbose: false)));
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(data)) + "\n", await h.RunAsync(new FsStep("sha1sum", ["a.py"], Verbose: false)));
    }

    [Fact]
    public async Task HashErrorsAreOneLine()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "");
        h.Board.Flash.CreateDirectory("/lib");
        Assert.Equal("sha256sum: nope.py: No such file or directory.", await h.FailAsync("sha256sum", "nope.py"));
        Assert.Equal("sha256sum: lib: Is a directory.", await h.FailAsync("sha256sum", "lib"));
        Assert.Contains("hash algorithm 'sha3'", await h.FailAsync("sha3sum", "a.py"));
    }

    [Fact]
    public async Task UnknownSubCommandsAndMissingPathsAreUsageErrors()
    {
        await using var h = FsHarness.Start();
        await Assert.ThrowsAsync<UsageException>(() => h.RunAsync("frobnicate", "a.py"));
        await Assert.ThrowsAsync<UsageException>(() => h.RunAsync("mkdir"));
        await Assert.ThrowsAsync<UsageException>(() => h.RunAsync(new FsStep("tree", [], Size: true, Human: true)));
        Assert.Equal("", h.Console.Output);
    }

    [Fact]
    public async Task DfPrintsMpremotesTable()
    {
        await using var h = FsHarness.Start(new SimulatedBoardOptions { FlashCapacity = 1 << 20 });
        h.Board.Flash.WriteFile("/a.bin", new byte[4096]);
        var lines = (await h.RunAsync("df")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("filesystem     size     used    avail use% mounted on", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^\S+ *\d{1,9} +\d+ +\d+ +\d+ /$", lines[1]);
    }
}
