using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class CatCommandTests
{
    [Fact]
    public async Task PrintsTheFileWithoutAHeader()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "print(\"Hello\")\nprint(\"World\")\n");
        h.Board.Flash.WriteFile("/b/b.py", "x\n");
        Assert.Equal("print(\"Hello\")\nprint(\"World\")\nx\n", await h.RunAsync("cat", ":a.py", "b/b.py"));
    }

    [Fact]
    public async Task VerboseAnnouncesEachFile()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.WriteFile("/a.py", "1\n");
        Assert.Equal("cat :a.py\n1\n", await h.RunAsync(new FsStep("cat", ["a.py"], Verbose: true)));
    }

    [Fact]
    public async Task BinaryBytesPassUnchanged()
    {
        await using var h = FsHarness.Start();
        var data = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(new byte[] { 0xFF, 0xFE, 0x04, 0x03 }).ToArray();
        h.Board.Flash.WriteFile("/blob.bin", data);
        var captured = new CapturingConsole();
        var repl = await h.Sim.Session.PrepareRawReplAsync(TestKit.SimMount.Timeout());
        await Mpyd.MountDaemon.Commands.Fs.FsCommand.RunAsync(new FsStep("cat", ["blob.bin"]), new Mpyd.Protocol.BoardFs.BoardFileSystem(repl),
            new Mpyd.MountDaemon.Commands.Fs.FsContext(null, h.Host.Path, "sim"), captured, TestKit.SimMount.Timeout());
        Assert.Equal(data, captured.Bytes);
    }

    [Fact]
    public async Task MissingFileAndDirectoryAreOneLine()
    {
        await using var h = FsHarness.Start();
        h.Board.Flash.CreateDirectory("/lib");
        Assert.Equal("cat: nope.py: No such file or directory.", await h.FailAsync("cat", ":nope.py"));
        Assert.Equal("cat: lib: Is a directory.", await h.FailAsync("cat", "lib"));
    }

    /// <summary>Keeps stdout as bytes, to compare binary output exactly.</summary>
    private sealed class CapturingConsole : Mpyd.MountDaemon.Hosting.IBoardConsole
    {
        private readonly List<byte> _bytes = [];

        public byte[] Bytes => [.. _bytes];
        public bool OutputIsTerminal => false;
        public bool RawMode { get; set; }

        public void WriteBoardOutput(ReadOnlySpan<byte> data) => _bytes.AddRange(data);
        public void Notice(string line) { }
        public void WriteLine(string line) => _bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
    }
}
