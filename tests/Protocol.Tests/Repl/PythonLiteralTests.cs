using System.Numerics;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.Tests.Repl;

public class PythonLiteralTests
{
    [Theory]
    [InlineData("None", null)]
    [InlineData("True", true)]
    [InlineData("False", false)]
    [InlineData("0", 0L)]
    [InlineData("-17", -17L)]
    [InlineData("2822", 2822L)]
    [InlineData("'abc'", "abc")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("'a\\'b\\\\c\\n\\r\\t'", "a'b\\c\n\r\t")]
    [InlineData("'\\x00\\x7f'", "\u0000\u007f")]
    [InlineData("'café 日本'", "café 日本")]
    [InlineData("'\\u00e9\\U0001F600'", "é😀")]
    [InlineData("  42  ", 42L)]
    [InlineData("1.5", 1.5)]
    [InlineData("-2e-05", -2e-05)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    public void Scalars(string repr, object? expected) => Assert.Equal(expected, PythonLiteral.Parse(repr));

    [Fact]
    public void Big_ints_become_BigInteger() =>
        Assert.Equal(BigInteger.Pow(2, 100), PythonLiteral.Parse("1267650600228229401496703205376"));

    [Fact]
    public void Bytes_with_escapes() =>
        Assert.Equal(new byte[] { (byte)'M', 6, 0, 0x1F, (byte)'\'', (byte)'\\', 0xFF, (byte)'\n' },
            PythonLiteral.Parse("b'M\\x06\\x00\\x1f\\'\\\\\\xff\\n'"));

    [Fact]
    public void Tuples_lists_and_dicts_nest()
    {
        var value = PythonLiteral.Parse("(1, 'a', [b'', None, (True,)], {'k': [], 2: ()})");
        var tuple = Assert.IsType<object?[]>(value);
        Assert.Equal(4, tuple.Length);
        Assert.Equal(1L, tuple[0]);
        Assert.Equal("a", tuple[1]);
        var list = Assert.IsType<List<object?>>(tuple[2]);
        Assert.Equal(Array.Empty<byte>(), list[0]);
        Assert.Null(list[1]);
        Assert.Equal(new object?[] { true }, Assert.IsType<object?[]>(list[2]));
        var dict = Assert.IsType<Dictionary<object, object?>>(tuple[3]);
        Assert.Empty(Assert.IsType<List<object?>>(dict["k"]));
        Assert.Empty(Assert.IsType<object?[]>(dict[2L]));
    }

    [Fact]
    public void Stat_tuple_as_the_board_prints_it()
    {
        var stat = Assert.IsType<object?[]>(PythonLiteral.Parse("(16384, 0, 0, 0, 0, 0, 0, 1700000000, 1700000000, 1700000000)"));
        Assert.Equal(16384L, stat[0]);
        Assert.Equal(10, stat.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<function f at 0x7f>")]
    [InlineData("'unterminated")]
    [InlineData("(1")]
    [InlineData("[1 2]")]
    [InlineData("1 2")]
    [InlineData("(1)")]
    [InlineData("b'\\u1234'")]
    [InlineData("Nonesuch")]
    public void Non_literals_are_format_errors(string repr) =>
        Assert.Throws<FormatException>(() => PythonLiteral.Parse(repr));
}
