namespace Mpyd.DeviceSim.Tests;

public sealed class MountInterruptTests : IDisposable
{
    private readonly TempDirHandler _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CtrlC_DuringARequest_IsDroppedAsSyncNoise()
    {
        _dir.Write("m.py", "x = 1\n");
        await using var h = await MountTests.MountedAsync(_dir);
        h.AckRequests = false;
        await h.SendAsync("import m\x04");
        Assert.Equal("OK\x18\x80\x01", await h.ReadUntilAsync("\x18\x80\x01"));
        Assert.Equal(new byte[] { 2, 0, 0, 0, (byte)'/', (byte)'m' }, await h.ReadBytesAsync(6));
        // kbd_intr is off during the request: the Ctrl-C is read (and dropped) while waiting for the reply's 0x18.
        await h.SendAsync("\x03\x18");
        await h.SendAsync(new byte[] { unchecked((byte)-2) });
        h.AckRequests = true;
        Assert.Equal("imported /remote/m.py (6 bytes, source, 4 requests)\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task CtrlC_AmongSyncBytes_IsRaisedAfterTheReply_AndTheLinkStaysInStep()
    {
        _dir.Write("m.txt", "data");
        await using var h = await MountedAsync(_dir);
        h.AckRequests = false;
        await h.SendAsync("os.stat('m.txt')\x04");
        Assert.Equal("OK\x18\x80\x01", await h.ReadUntilAsync("\x18\x80\x01"));
        Assert.Equal(new byte[] { 6, 0, 0, 0 }, await h.ReadBytesAsync(4));
        Assert.Equal("/m.txt", System.Text.Encoding.ASCII.GetString(await h.ReadBytesAsync(6)));
        // The Ctrl-C arrives while kbd_intr is off: kept, the request still completes in full.
        await h.SendAsync("\x03\x18");
        await h.SendAsync([0, 0x00, 0x80, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Equal("\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
        // Raised once: the next request runs normally.
        h.AckRequests = true;
        await h.SendAsync("print(os.stat('m.txt')[6])\x04");
        Assert.Equal("OK4\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task CtrlC_AmongSyncBytes_ReplacesTheSyncError()
    {
        await using var h = await MountedAsync(_dir);
        h.AckRequests = false;
        await h.SendAsync("os.stat('x')\x04");
        Assert.Equal("OK\x18\x80\x01", await h.ReadUntilAsync("\x18\x80\x01"));
        Assert.Equal(6, (await h.ReadBytesAsync(6)).Length);
        await h.SendAsync("\x03" + new string('a', 63));
        Assert.Equal("\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
    }

    private Task<BoardHarness> MountedAsync(TempDirHandler dir) => MountTests.MountedAsync(dir);
}

public sealed class MountSyncTests : IDisposable
{
    private readonly TempDirHandler _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SixtyFourBytesWithoutTheReplySync_IsEIO()
    {
        await using var h = await MountTests.MountedAsync(_dir);
        h.AckRequests = false;
        await h.SendAsync("os.stat('x')\x04");
        Assert.Equal("OK\x18\x80\x01", await h.ReadUntilAsync("\x18\x80\x01"));
        Assert.Equal(6, (await h.ReadBytesAsync(6)).Length);
        await h.SendAsync(new string('a', 64));
        Assert.Equal("\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 5] EIO\r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task ATimedOutReply_IsConsumed_AndDoesNotReachTheRepl()
    {
        // A 300 ms board timeout (the mount call's second argument), so the partial reply times out quickly.
        await using var h = new BoardHarness { Handler = _dir };
        await h.SendAsync("\r\x03\r\x01");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        await h.SendAsync(System.Text.Encoding.UTF8.GetBytes(Protocol.Board.BoardProgram.WireText + "\x04"));
        Assert.Equal("OK\x04\x04>", await h.ReadUntilAsync("\x04>"));
        await h.SendAsync(Protocol.Board.BoardProgram.MountCall(2048, 300) + "\x04");
        Assert.Equal("OK\x04\x04>", await h.ReadUntilAsync("\x04>"));
        h.AckRequests = false;
        await h.SendAsync("os.stat('x')\x04");
        Assert.Equal("OK\x18\x80\x01", await h.ReadUntilAsync("\x18\x80\x01"));
        Assert.Equal(6, (await h.ReadBytesAsync(6)).Length);
        await h.SendAsync("\x18");
        // Three of the 21 reply bytes, then nothing: the board's wait runs out.
        await h.SendAsync(new byte[] { 0, 0x00, 0x80 });
        Assert.Equal("\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 110] ETIMEDOUT\r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
        // The board program had already read those bytes: the next submission is not prefixed by them.
        await h.SendAsync("print(1)\x04");
        Assert.Equal("OK1\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task MachineSoftReset_InFriendlyMode_RebootsWithBanner()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { MainOutput = "hi from main\n" });
        await h.SendAsync("import machine; machine.soft_reset()\r");
        var text = await h.ReadUntilAsync(">>> ");
        Assert.Equal("import machine; machine.soft_reset()\r\nMPY: soft reboot\r\nhi from main\r\n" +
            "MicroPython v1.28.0 on 2026-04-06; mpyd simulated board with sim\r\nType \"help()\" for more information.\r\n>>> ", text);
    }
}
