namespace Mpyd.DeviceSim.Tests;

public sealed class ExpressionTests
{
    private static async Task<string> RunAsync(string code)
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("exit\r\n>");
        await h.SendAsync(code + "\x04");
        return await h.ReadUntilAsync("\x04>");
    }

    [Fact]
    public async Task Comparisons_Membership_AndGlobals()
    {
        Assert.Equal("OKTrue\r\nFalse\r\nTrue\r\nTrue\r\n{'__name__': '__main__', 'a': 1}\r\n\x04\x04>",
            await RunAsync("a = 1\nprint('a' in globals())\nprint('_mpyd_mount' in globals())\nprint(not a == 2)\nprint(b'x' not in [1, 2])\nprint(globals())"));
    }

    [Fact]
    public async Task Pass_IsAStatement_AloneAndAfterASemicolon()
    {
        Assert.Equal("OK1\r\n\x04\x04>", await RunAsync("pass\nx = 1; pass\nprint(x)"));
    }

    [Fact]
    public async Task BoardProgram_FollowedByTheMountCall_InOneSubmission()
    {
        var program = Protocol.Board.BoardProgram.WireText;
        var lines = program.Count(c => c == '\n');
        Assert.Equal("OK/remote\r\n\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line " + (lines + 3) + ", in <module>\r\nNameError: name 'nope' isn't defined\r\n\x04>",
            await RunAsync(program + "_mpyd_mount(2048, 5000)\nprint(os.getcwd())\nnope"));
    }

    [Fact]
    public async Task StrRepr_EscapesEveryCodePointOutsidePrintableAscii_AsMicroPythonDoes()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("exit\r\n>");
        // Sent as UTF-8: a\u00a0 \u00fc \u20ac \U0001F600 \x7f (the same text gave these escapes on the VM board).
        await h.SendAsync(System.Text.Encoding.UTF8.GetBytes("print(repr('a\u00a0\u00fc\u20ac\U0001F600\x7f'))\nprint(['\u00fc.txt'])\x04"));
        Assert.Equal("OK'a\\xa0\\xfc\\u20ac\\U0001f600\\x7f'\r\n['\\xfc.txt']\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }
}

public sealed class SyntaxErrorTests
{
    [Theory]
    [InlineData("x = '\\xZZ'")]
    [InlineData("x = 1e")]
    [InlineData("x = 'open")]
    [InlineData("print(1))")]
    [InlineData("x = $")]
    [InlineData("x =")]
    public async Task InvalidText_IsASyntaxError_AndTheBoardCarriesOn(string code)
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("exit\r\n>");
        await h.SendAsync(code + "\x04");
        var text = await h.ReadUntilAsync("\x04>");
        Assert.StartsWith("OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: ", text);
        await h.SendAsync("print(2)\x04");
        Assert.Equal("OK2\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task UnexpectedIndent_IsAnIndentationError()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("exit\r\n>");
        await h.SendAsync("x = 1\n  y = 2\x04");
        Assert.Equal("OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 2\r\nIndentationError: unexpected indent\r\n\x04>",
            await h.ReadUntilAsync("\x04>"));
    }
}
