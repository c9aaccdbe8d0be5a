namespace Mpyd.DeviceSim.Tests;

public sealed class FlashTests
{
    private static async Task<BoardHarness> RawAsync(SimulatedBoard board)
    {
        var h = new BoardHarness(board: board);
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        return h;
    }

    [Fact]
    public async Task Import_FromLib_OnFlash_SendsNoMountTraffic()
    {
        var board = new SimulatedBoard();
        board.Flash.WriteFile("/lib/helper.py", "def f():\n    pass\n");
        board.Flash.WriteFile("/top.py", "x = 1\n");
        await using var h = await RawAsync(board);
        await h.SendAsync("import helper, top\x04");
        Assert.Equal(
            "OKimported /lib/helper.py (18 bytes, source, 0 requests)\r\nimported /top.py (6 bytes, source, 0 requests)\r\n\x04\x04>",
            await h.ReadUntilAsync("\x04>"));
        Assert.Empty(board.MountLog);
    }

    [Fact]
    public async Task Import_PackageSubmodule_AndFromImport()
    {
        var board = new SimulatedBoard();
        board.Flash.WriteFile("/lib/pkg/__init__.py", "");
        board.Flash.WriteFile("/lib/pkg/sub.py", "y = 2\n");
        await using var h = await RawAsync(board);
        await h.SendAsync("from pkg import sub\nprint(repr(sub))\x04");
        Assert.Equal(
            "OKimported /lib/pkg/__init__.py (0 bytes, source, 0 requests)\r\nimported /lib/pkg/sub.py (6 bytes, source, 0 requests)\r\n<module 'pkg.sub'>\r\n\x04\x04>",
            await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task InvalidUtf8Source_IsRejected()
    {
        var board = new SimulatedBoard();
        board.Flash.WriteFile("/bad.py", [0x78, 0xFF, 0x0A]);
        await using var h = await RawAsync(board);
        await h.SendAsync("import bad\x04");
        Assert.EndsWith("SyntaxError: invalid UTF-8 in /bad.py\r\n\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task FileCalls_OnFlash_AndFullFlash_IsENOSPC()
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions { FlashCapacity = 10 });
        await using var h = await RawAsync(board);
        await h.SendAsync("f = open('/a.txt', 'w')\nprint(f.write('12345678'))\nf.close()\nimport os\nprint(os.listdir('/'))\nprint(os.stat('/a.txt')[6])\nf = open('/b.txt', 'w')\nf.write('abc')\x04");
        Assert.Equal(
            "OK8\r\n['a.txt']\r\n8\r\n\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 8, in <module>\r\nOSError: 28\r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
        Assert.Equal("12345678"u8.ToArray(), board.Flash.ReadFile("/a.txt"));
    }

    [Fact]
    public async Task FilesApi_OnFlash_WorksWithoutALink()
    {
        var board = new SimulatedBoard();
        var ct = BoardHarness.Deadline();
        await board.Files.MakeDirAsync("/data", ct);
        await board.Files.WriteAllBytesAsync("/data/x.bin", new byte[] { 1, 2, 3 }, ct);
        Assert.Equal(new byte[] { 1, 2, 3 }, await board.Files.ReadAllBytesAsync("/data/x.bin", ct));
        Assert.Equal([new BoardDirEntry("x.bin", false, 3)], await board.Files.ListDirAsync("/data", ct));
        var e = await Assert.ThrowsAsync<SimulatedBoardException>(() => board.Files.RemoveDirAsync("/data", ct));
        Assert.Equal(39, e.Errno);
        Assert.Equal("39", e.PythonMessage);
        await board.Files.RenameAsync("/data/x.bin", "/data/y.bin", ct);
        Assert.True(board.Flash.FileExists("/data/y.bin"));
        Assert.Empty(board.MountLog);
    }
}
