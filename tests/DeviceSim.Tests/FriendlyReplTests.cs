namespace Mpyd.DeviceSim.Tests;

public sealed class FriendlyReplTests
{
    private const string Banner = "MicroPython v1.28.0 on 2026-04-06; mpyd simulated board with sim\r\nType \"help()\" for more information.\r\n";

    [Fact]
    public async Task CtrlC_GivesANewPrompt_AndCancelsATypedLine()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\x03");
        Assert.Equal("\r\n>>> ", await h.ReadUntilAsync(">>> "));
        await h.SendAsync("abc\x03");
        Assert.Equal("abc\r\n>>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task Line_IsEchoed_Executed_AndExpressionValuesPrinted()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("1+1\r");
        Assert.Equal("1+1\r\n2\r\n>>> ", await h.ReadUntilAsync(">>> "));
        await h.SendAsync("x = 'a'\r\nx\r\n");
        Assert.Equal("x = 'a'\r\n>>> ", await h.ReadUntilAsync(">>> "));
        Assert.Equal("x\r\n'a'\r\n>>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task CtrlB_PrintsTheBanner()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\x02");
        Assert.Equal("\r\n" + Banner + ">>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task PasteMode_EchoesWithContinuationPrompts_AndRunsOnCtrlD()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\x05");
        Assert.Equal("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ", await h.ReadUntilAsync("=== "));
        await h.SendAsync("x=1\rprint(x+1)\r");
        Assert.Equal("x=1\r\n=== print(x+1)\r\n=== ", await h.ReadUntilAsync("print(x+1)\r\n=== "));
        await h.SendAsync("\x04");
        Assert.Equal("\r\n2\r\n>>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task CtrlD_SoftReboots_WithBootAndMainOutput()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { BootOutput = "boot ran\n", MainOutput = "main ran\n" });
        await h.SendAsync("x = 5\r");
        await h.ReadUntilAsync(">>> ");
        await h.SendAsync("\x04");
        Assert.Equal("\r\nMPY: soft reboot\r\nboot ran\r\nmain ran\r\n" + Banner + ">>> ", await h.ReadUntilAsync(">>> "));
        await h.SendAsync("x\r");
        var text = await h.ReadUntilAsync(">>> ");
        Assert.Contains("NameError: name 'x' isn't defined\r\n", text);
        Assert.Equal(1, h.Board.SoftRebootCount);
    }

    [Fact]
    public async Task BlockingMainPy_HoldsTheBoardUntilCtrlC()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { MainOutput = "looping\n", MainBlocksForever = true });
        // Power-on: main.py is already running; Ctrl-C stops it and the REPL starts.
        await h.SendAsync("\x03");
        var text = await h.ReadUntilAsync(">>> ");
        Assert.Equal("Traceback (most recent call last):\r\n  File \"main.py\", line 1, in <module>\r\nKeyboardInterrupt: \r\n" + Banner + ">>> ", text);
        await h.SendAsync("\x04");
        Assert.Equal("\r\nMPY: soft reboot\r\nlooping\r\n", await h.ReadUntilAsync("looping\r\n"));
        await h.SendAsync("\x03");
        Assert.EndsWith("KeyboardInterrupt: \r\n" + Banner + ">>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task UnsupportedStatement_IsANotImplementedErrorTraceback()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("for i in range(3): print(i)\r");
        var text = await h.ReadUntilAsync(">>> ");
        Assert.Equal(
            "for i in range(3): print(i)\r\nTraceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n" +
            "NotImplementedError: simulated board cannot run: for i in range(3): print(i)\r\n>>> ", text);
    }

    [Fact]
    public async Task WithoutLfConversion_OutputKeepsBareLf()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { ConvertLfToCrLf = false });
        await h.SendAsync("print('hi')\r");
        Assert.Equal("print('hi')\r\nhi\n>>> ", await h.ReadUntilAsync(">>> "));
    }
}
