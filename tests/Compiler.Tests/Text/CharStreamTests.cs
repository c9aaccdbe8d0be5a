using Mpyd.Compiler.Text;

namespace Mpyd.Compiler.Tests.Text;

public sealed class CharStreamTests
{
    private static string ReadAll(CharStream s)
    {
        var sb = new System.Text.StringBuilder();
        while (!s.AtEnd)
        {
            sb.Append((char)s.Cur);
            s.Advance();
        }
        return sb.ToString();
    }

    [Fact]
    public void ByteRules_NulCrAndFinalNewline()
    {
        var s = new CharStream("a\0b\r\nc\rd"u8);

        Assert.Equal("a\u0001b\nc\nd\n", ReadAll(s));
        Assert.Equal(4, s.Line);
    }

    [Fact]
    public void EmptyFile_StaysEmpty() => Assert.True(new CharStream([]).AtEnd);

    [Fact]
    public void Insert_GoesInFrontOfUnreadInputAndNests()
    {
        var s = new CharStream("xyz"u8);
        s.Advance();
        s.Insert("12"u8);
        Assert.Equal('1', s.Cur);
        Assert.Equal('2', s.Next1);
        Assert.Equal('y', s.Next2);
        s.Advance();
        s.Insert("ab"u8);

        Assert.Equal("ab2yz\n", ReadAll(s));
    }

    [Fact]
    public void InsertedNewlines_CountAsLines()
    {
        var s = new CharStream("x\n"u8);
        s.Insert("\n\n"u8);

        ReadAll(s);

        Assert.Equal(4, s.Line);
    }

    [Fact]
    public void Tabs_AdvanceToTheNextStopOfEight()
    {
        var s = new CharStream("  \tx"u8);
        s.Advance();
        s.Advance();
        s.Advance();

        Assert.Equal(9, s.Column);
    }
}
