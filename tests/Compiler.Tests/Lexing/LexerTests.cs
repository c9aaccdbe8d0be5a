using System.Text;
using Mpyd.Compiler.Lexing;

namespace Mpyd.Compiler.Tests.Lexing;

public sealed class LexerTests
{
    private static List<Token> Lex(string source, int opt = 0)
    {
        var lexer = new Lexer(Encoding.Latin1.GetBytes(source), opt);
        var tokens = new List<Token>();
        while (true)
        {
            tokens.Add(lexer.Current);
            if (lexer.Current.Kind == TokenKind.End || tokens.Count > 200)
            {
                return tokens;
            }
            lexer.Advance();
        }
    }

    private static string Kinds(string source, int opt = 0) => string.Join(" ", Lex(source, opt).Select(t => t.Kind));

    [Fact]
    public void Indentation_ProducesIndentAndDedentWithNewlineOnTheLogicalLineEnd()
    {
        var tokens = Lex("if x:\n    y = 1\n\n# c\nz = 2\n");

        Assert.Equal(
            "KwIf Name DelColon Newline Indent Name DelEqual Integer Newline Dedent Name DelEqual Integer Newline End",
            string.Join(" ", tokens.Select(t => t.Kind)));
        Assert.Equal(2, tokens.First(t => t.Kind == TokenKind.Dedent).Line - 3);
        Assert.Equal(2, tokens[8].Line);
    }

    [Fact]
    public void DedentToUnknownLevel_IsMismatch() =>
        Assert.Contains("DedentMismatch", Kinds("if 1:\n    x = 1\n  y = 2\n"), StringComparison.Ordinal);

    [Fact]
    public void FirstTokenNotInColumnOne_BecomesIndent() => Assert.StartsWith("Indent", Kinds("  x = 1\n"), StringComparison.Ordinal);

    [Fact]
    public void Brackets_JoinLines() => Assert.Equal("Name DelEqual DelBracketOpen Integer DelComma Integer DelBracketClose Newline End", Kinds("x = [1,\n  2]\n"));

    [Fact]
    public void Debug_IsTrueAtLevelZeroAndFalseAbove()
    {
        Assert.Equal(TokenKind.KwTrue, Lex("__debug__\n")[0].Kind);
        Assert.Equal(TokenKind.KwFalse, Lex("__debug__\n", opt: 1)[0].Kind);
    }

    [Fact]
    public void AdjacentLiterals_AreJoinedAndEscapesDecoded()
    {
        var t = Lex("x = ('a\\x41'  # c\n 'b\\101' r'\\n')\n")[3];

        Assert.Equal(TokenKind.String, t.Kind);
        Assert.Equal("aAbA\\n", t.Text);
    }

    [Fact]
    public void StrThenBytes_StopsTheGroup() => Assert.Equal("Name DelEqual String Bytes Newline End", Kinds("x = 'a' b'b'\n"));

    [Fact]
    public void FString_IsRewrittenToFormatCall()
    {
        var tokens = Lex("x = f'{a!r:>{w}}c{d=}'\n");

        Assert.Equal("{!r:>{}}cd={}", tokens[2].Text);
        Assert.Equal(
            "Name DelEqual String DelPeriod Name DelParenOpen DelParenOpen Name DelParenClose DelComma DelParenOpen Name DelParenClose DelComma DelParenOpen Name DelParenClose DelComma DelParenClose Newline End",
            string.Join(" ", tokens.Select(t => t.Kind)));
    }

    [Fact]
    public void TString_BecomesTemplateCall()
    {
        var tokens = Lex("x = t\"a{b}c\"\n");

        Assert.Equal(TokenKind.Name, tokens[2].Kind);
        Assert.Equal("__template__", tokens[2].Text);
        Assert.Equal("a", tokens[5].Text);
    }

    [Fact]
    public void EmptyFStringField_IsMalformed() => Assert.Equal(TokenKind.MalformedFString, Lex("x = f'{}'\n")[2].Kind);

    [Theory]
    [InlineData("1if", "Integer", "1if")]
    [InlineData("1_000", "Integer", "1000")]
    [InlineData("0xe+1", "Integer", "0xe")]
    [InlineData("1e5", "FloatOrImag", "1e5")]
    [InlineData("1E-5", "FloatOrImag", "1e-5")]
    [InlineData("0x1j", "FloatOrImag", "0x1j")]
    [InlineData(".5", "FloatOrImag", ".5")]
    public void Numbers_AreScannedGreedily(string text, string kind, string tokenText)
    {
        var t = Lex(text + "\n")[0];

        Assert.Equal(kind, t.Kind.ToString());
        Assert.Equal(tokenText, t.Text);
    }

    [Fact]
    public void CrLfAndNul_AreNormalised()
    {
        var tokens = Lex("x = '\0'\r\ny = 1\r");

        Assert.Equal("\u0001", tokens[2].Text);
        Assert.Equal(2, tokens[4].Line);
    }

    [Fact]
    public void UnterminatedString_IsLonelyStringOpen() => Assert.Equal(TokenKind.LonelyStringOpen, Lex("x = 'abc\n")[2].Kind);
}
