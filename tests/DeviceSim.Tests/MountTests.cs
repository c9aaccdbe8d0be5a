using System.Text;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Tests;

public sealed class MountTests : IDisposable
{
    private readonly TempDirHandler _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Enters the raw REPL, sends the board program and the mount call, as the host does.</summary>
    internal static async Task<BoardHarness> MountedAsync(TempDirHandler dir, SimulatedBoardOptions? options = null, int readAhead = BoardProgram.DefaultReadAhead)
    {
        var h = new BoardHarness(options) { Handler = dir };
        await h.SendAsync("\r\x03\r\x01");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        await h.SendAsync(Encoding.UTF8.GetBytes(BoardProgram.WireText + "\x04"));
        Assert.Equal("OK\x04\x04>", await h.ReadUntilAsync("\x04>"));
        await h.SendAsync(BoardProgram.MountCall(readAhead) + "\x04");
        Assert.Equal("OK\x04\x04>", await h.ReadUntilAsync("\x04>"));
        Assert.True(h.Board.IsMounted);
        return h;
    }

    private static string[] Log(SimulatedBoard board) => [.. board.MountLog.Select(e => e.ToString())];

    [Fact]
    public async Task Mounting_SendsNoRequests_AndChangesIntoRemote()
    {
        await using var h = await MountedAsync(_dir);
        Assert.Empty(h.Board.MountLog);
        await h.SendAsync("import os\nprint(os.getcwd())\x04");
        Assert.Equal("OK/remote\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
        // os is extensible: the mount is probed first.
        Assert.Equal(["STAT /os", "STAT /os.py", "STAT /os.mpy"], Log(h.Board));
    }

    [Fact]
    public async Task SysPathAppend_ImportsFromASubdirectory_AfterProbingTheMountRoot()
    {
        _dir.Write("lib/helper.py", "H = 1\n");
        await using var h = await MountedAsync(_dir);
        await h.SendAsync("import sys\nsys.path.append('/remote/lib')\nimport helper\x04");
        Assert.Equal("OKimported /remote/lib/helper.py (6 bytes, source, 7 requests)\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
        // '' (the mount root) first; '/lib' is on the board's flash; then the appended entry.
        Assert.Equal(
            [
                "STAT /helper", "STAT /helper.py", "STAT /helper.mpy",
                "STAT /lib/helper", "STAT /lib/helper.py", "OPEN_READ /lib/helper.py 2048", "CLOSE 0",
            ],
            Log(h.Board));
    }

    [Fact]
    public async Task ImportPackage_FollowsTheDocumentedRequestSequence()
    {
        _dir.Write("pkg/__init__.py", new string('#', 100));
        _dir.Write("mod.py", new string('#', 3000));
        await using var h = await MountedAsync(_dir);
        await h.SendAsync("import pkg, mod\x04");
        Assert.Equal(
            "OKimported /remote/pkg/__init__.py (100 bytes, source, 4 requests)\r\n" +
            "imported /remote/mod.py (3000 bytes, source, 5 requests)\r\n\x04\x04>",
            await h.ReadUntilAsync("\x04>"));
        Assert.Equal(
            [
                "STAT /pkg", "STAT /pkg/__init__.py", "OPEN_READ /pkg/__init__.py 2048", "CLOSE 0",
                "STAT /mod", "STAT /mod.py", "OPEN_READ /mod.py 2048", "READ 0 2048", "CLOSE 0",
            ],
            Log(h.Board));
        // Cached in sys.modules until a soft reboot.
        h.Board.ClearMountLog();
        await h.SendAsync("import mod\x04");
        Assert.Equal("OK\x04\x04>", await h.ReadUntilAsync("\x04>"));
        Assert.Empty(h.Board.MountLog);
    }

    [Fact]
    public async Task ImportMpy_ChecksTheHeader()
    {
        _dir.Write("good.mpy", [0x4D, 6, 0, 31, 0, 0]);
        _dir.Write("bad.mpy", [0x4D, 5, 0, 31]);
        _dir.Write("wide.mpy", [0x4D, 6, 0, 63]);
        await using var h = await MountedAsync(_dir);
        await h.SendAsync("import good\x04");
        Assert.Equal("OKimported /remote/good.mpy (6 bytes, bytecode, 5 requests)\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
        await h.SendAsync("import bad\x04");
        Assert.EndsWith("ValueError: incompatible .mpy file\r\n\x04>", await h.ReadUntilAsync("\x04>"));
        await h.SendAsync("import wide\x04");
        Assert.EndsWith("ValueError: incompatible .mpy file\r\n\x04>", await h.ReadUntilAsync("\x04>"));
        // The loader closes the file when the header is refused.
        Assert.Equal(["STAT /wide", "STAT /wide.py", "STAT /wide.mpy", "OPEN_READ /wide.mpy 2048", "CLOSE 0"], Log(h.Board)[^5..]);
        _dir.Write("native.mpy", [0x4D, 6, 0x0B, 31]);
        await h.SendAsync("import native\x04");
        Assert.EndsWith("ValueError: native code in .mpy unsupported\r\n\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task MissingModule_IsAnImportError_AfterProbingTheMount()
    {
        await using var h = await MountedAsync(_dir);
        await h.SendAsync("import nope\x04");
        Assert.EndsWith("ImportError: no module named 'nope'\r\n\x04>", await h.ReadUntilAsync("\x04>"));
        Assert.Equal(["STAT /nope", "STAT /nope.py", "STAT /nope.mpy"], Log(h.Board));
    }

    [Fact]
    public async Task FileCalls_FromCode_UseOneRequestEach()
    {
        _dir.Write("data.txt", "line1\nline2\n");
        await using var h = await MountedAsync(_dir);
        await h.SendAsync("f = open('data.txt', 'r')\nprint(repr(f.readline()))\nf.close()\nprint(os.listdir())\nos.stat('missing')\x04");
        var text = await h.ReadUntilAsync("\x04>");
        Assert.Equal(
            "OK'line1\\n'\r\n['data.txt']\r\n\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 5, in <module>\r\n" +
            "OSError: [Errno 2] ENOENT\r\n\x04>", text);
        Assert.Equal(["OPEN /data.txt r", "READLINE 0", "CLOSE 0", "LISTDIR /", "STAT /missing"], Log(h.Board));
    }

    [Fact]
    public async Task FilesApi_DrivesTheMountFromCSharp()
    {
        _dir.Write("sub/a.bin", new byte[5000]);
        await using var h = await MountedAsync(_dir, readAhead: 1024);
        var entries = await h.ServeWhileAsync(h.Board.Files.ListDirAsync("/remote/sub", BoardHarness.Deadline()));
        Assert.Equal([new BoardDirEntry("a.bin", false, 5000)], entries);
        var data = await h.ServeWhileAsync(h.Board.Files.ReadAllBytesAsync("/remote/sub/a.bin", BoardHarness.Deadline()));
        Assert.Equal(5000, data.Length);
        await h.ServeWhileAsync(h.Board.Files.WriteAllBytesAsync("/remote/new.txt", "hello"u8.ToArray(), BoardHarness.Deadline()));
        var error = await Assert.ThrowsAsync<SimulatedBoardException>(() => h.ServeWhileAsync(h.Board.Files.StatAsync("/remote/none", BoardHarness.Deadline())));
        Assert.Equal((int)Errno.ENOENT, error.Errno);
        // CLOSE has no reply: the host has handled it once the next request is served.
        Assert.Equal("hello", File.ReadAllText(Path.Combine(_dir.Root, "new.txt")));
        Assert.Equal(
            ["LISTDIR /sub", "OPEN_READ /sub/a.bin 1024", "READ 0 -1", "CLOSE 0", "OPEN /new.txt wb", "WRITE 0 5", "CLOSE 0", "STAT /none"],
            Log(h.Board));
    }

    [Fact]
    public async Task ImportAsync_ReportsLoadedFiles()
    {
        _dir.Write("lib1.py", "x = 1\n");
        await using var h = await MountedAsync(_dir);
        var loaded = await h.ServeWhileAsync(h.Board.ImportAsync("lib1", BoardHarness.Deadline()));
        Assert.Equal([new ImportedFile("/remote/lib1.py", 6, false, 4)], loaded);
    }

    [Fact]
    public async Task HostSilence_IsETimedOut()
    {
        await using var h = await MountedAsync(_dir);
        await h.SendAsync("_mpyd_mount(2048, 50)\x04");
        await h.ReadUntilAsync("\x04>");
        h.AckRequests = false;
        await h.SendAsync("os.stat('x')\x04");
        Assert.EndsWith("OSError: [Errno 110] ETIMEDOUT\r\n\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task SoftReboot_ForgetsTheMount()
    {
        await using var h = await MountedAsync(_dir);
        await h.SendAsync("\x04");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        Assert.False(h.Board.IsMounted);
        await h.SendAsync("import os\nprint(os.getcwd())\x04");
        Assert.Equal("OK/\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task LargeRead_ToEndOfFile_ArrivesWhole()
    {
        var data = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i * 7)).ToArray();
        _dir.Write("big.bin", data);
        await using var h = await MountedAsync(_dir);
        var read = await h.ServeWhileAsync(h.Board.Files.ReadAllBytesAsync("/remote/big.bin", BoardHarness.Deadline()));
        Assert.Equal(data, read);
    }
}
