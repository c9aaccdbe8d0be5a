using System.Text;

namespace Mpyd.DeviceSim.Tests;

public sealed class RawPasteTests
{
    private static async Task<BoardHarness> RawAsync(SimulatedBoardOptions? options = null)
    {
        var h = new BoardHarness(options);
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        return h;
    }

    [Fact]
    public async Task Negotiation_ReportsWindowAndGrantsASecondWindow()
    {
        await using var h = await RawAsync();
        await h.SendAsync("\u0005A\u0001");
        Assert.Equal(new byte[] { (byte)'R', 1, 0x80, 0, 1 }, await h.ReadBytesAsync(5));
        await h.SendAsync("print('hi')\x04");
        Assert.Equal("\x04hi\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task UnknownSubCommand_AnswersR0AndPrompt()
    {
        await using var h = await RawAsync();
        await h.SendAsync("\u0005B\u0001");
        Assert.Equal("R\x00>", await h.ReadUntilAsync(">"));
    }

    [Fact]
    public async Task EveryWindowConsumed_SendsOneCredit()
    {
        await using var h = await RawAsync(new SimulatedBoardOptions { RawPasteWindow = 32 });
        await h.SendAsync("\u0005A\u0001");
        Assert.Equal(new byte[] { (byte)'R', 1, 32, 0, 1 }, await h.ReadBytesAsync(5));
        // 10 lines of 10 bytes = 100 bytes: 3 credits (at 32, 64, 96).
        var source = string.Concat(Enumerable.Repeat("x = 12345\n", 10));
        await h.SendAsync(source + "\x04");
        var text = await h.ReadUntilAsync("\x04>");
        Assert.Equal("\x01\x01\x01\x04\x04\x04>", text);
    }

    [Fact]
    public async Task SyntaxErrorOnLine1_EndsEarly_ThenSwallowsUntilEot()
    {
        await using var h = await RawAsync();
        await h.SendAsync("\u0005A\u0001");
        await h.ReadBytesAsync(5);
        await h.SendAsync("x = (1))\nprint('more')\n");
        Assert.Equal(new byte[] { 4 }, await h.ReadBytesAsync(1));
        await h.SendAsync("print('ignored')\n\x04");
        Assert.Equal(
            "\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
        await h.SendAsync("print(3)\x04");
        Assert.Equal("OK3\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task CtrlC_InsideData_IsKeyboardInterrupt()
    {
        await using var h = await RawAsync();
        await h.SendAsync("\u0005A\u0001");
        await h.ReadBytesAsync(5);
        await h.SendAsync("print(1)\n\x03");
        Assert.Equal("\x04\x04KeyboardInterrupt: \r\n\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task BoardProgram_IsRecognised_AndDefinesTheMountFunctions()
    {
        await using var h = await RawAsync();
        await h.SendAsync("\u0005A\u0001");
        await h.ReadBytesAsync(5);
        await h.SendAsync(Encoding.UTF8.GetBytes(Protocol.Board.BoardProgram.WireText + "\x04"));
        var text = await h.ReadUntilAsync("\x04>");
        Assert.EndsWith("\x04\x04\x04>", text);
        Assert.All(text.Replace("\x04", "").Replace(">", ""), c => Assert.Equal('\x01', c));
        await h.SendAsync("print(repr(_mpyd_mount))\x04");
        Assert.Equal("OK<function _mpyd_mount>\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }
}
