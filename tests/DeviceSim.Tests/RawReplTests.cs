using System.Text;

namespace Mpyd.DeviceSim.Tests;

public sealed class RawReplTests
{
    private static async Task EnterRawAsync(BoardHarness h)
    {
        await h.SendAsync("\r\x03\r\x01");
        Assert.Equal("\r\n>>> \r\n>>> \r\n>>> \r\nraw REPL; CTRL-B to exit\r\n>", await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>"));
    }

    [Fact]
    public async Task Exec_IsFramedWithOkAndTwoEots()
    {
        await using var h = new BoardHarness();
        await EnterRawAsync(h);
        await h.SendAsync("print(1)\x04");
        Assert.Equal("OK1\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
        await h.SendAsync("junk\x03print(2)\x04");
        Assert.Equal("OK2\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task Error_GoesBetweenTheTwoEots()
    {
        await using var h = new BoardHarness();
        await EnterRawAsync(h);
        await h.SendAsync("x = 1\nimport nothere\x04");
        Assert.Equal(
            "OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\nImportError: no module named 'nothere'\r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task CtrlA_RebannersAndCtrlB_LeavesToFriendly()
    {
        await using var h = new BoardHarness();
        await EnterRawAsync(h);
        await h.SendAsync("abc\x01");
        Assert.Equal("raw REPL; CTRL-B to exit\r\n>", await h.ReadUntilAsync(">"));
        await h.SendAsync("\x02");
        Assert.EndsWith("more information.\r\n>>> ", await h.ReadUntilAsync(">>> "));
        Assert.False(h.Board.IsRawRepl);
    }

    [Fact]
    public async Task EmptySubmission_SoftReboots_ClearingGlobals()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { BootOutput = "boot!\n", MainOutput = "never in raw\n" });
        await EnterRawAsync(h);
        await h.SendAsync("y = 2\x04");
        await h.ReadUntilAsync("\x04>");
        await h.SendAsync("\x04");
        Assert.Equal("OK\r\nMPY: soft reboot\r\nboot!\r\nraw REPL; CTRL-B to exit\r\n>", await h.ReadUntilAsync("CTRL-B to exit\r\n>"));
        await h.SendAsync("print(y)\x04");
        Assert.Contains("NameError: name 'y' isn't defined", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task SysExit_SendsEmptyFramingThenReboots()
    {
        await using var h = new BoardHarness();
        await EnterRawAsync(h);
        await h.SendAsync("import sys\nsys.exit()\x04");
        Assert.Equal("OK\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>", await h.ReadUntilAsync("exit\r\n>"));
    }

    [Fact]
    public async Task CtrlC_WhileRunning_RaisesKeyboardInterrupt()
    {
        await using var h = new BoardHarness();
        await EnterRawAsync(h);
        await h.SendAsync("import time\ntime.sleep(100000)\x04");
        Assert.Equal("OK", await h.ReadUntilAsync("OK"));
        await h.SendAsync("\x03");
        var text = await h.ReadUntilAsync("\x04>");
        Assert.StartsWith("\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line ", text);
        Assert.EndsWith("KeyboardInterrupt: \r\n\x04>", text);
    }

    [Fact]
    public async Task Eval_ReprOfLiteralsAndMpyVersion()
    {
        await using var h = new BoardHarness();
        await EnterRawAsync(h);
        await h.SendAsync("import sys\nprint(repr([1, 'a', b'\\x00', (2,), None, 1.5]))\nprint(getattr(sys.implementation, '_mpy', 0))\x04");
        Assert.Equal("OK[1, 'a', b'\\x00', (2,), None, 1.5]\r\n774\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task MpyZero_HasNoMpyAttribute()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { MpyVersion = 0 });
        await EnterRawAsync(h);
        await h.SendAsync("import sys; print(getattr(sys.implementation, '_mpy', 0))\x04");
        Assert.Equal("OK0\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }
}
