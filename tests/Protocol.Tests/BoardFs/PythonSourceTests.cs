using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.Tests.BoardFs;

public class PythonSourceTests
{
    [Theory]
    [InlineData("plain.txt", "'plain.txt'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData("a\\b", @"'a\\b'")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("l1\nl2\r\t", @"'l1\nl2\r\t'")]
    [InlineData("\x01\x02\x03\x04\x7f", @"'\x01\x02\x03\x04\x7f'")]
    [InlineData("ünï ✓ 𝄞", "'ünï ✓ 𝄞'")]
    public void Str_escapes_what_python_needs(string value, string expected)
    {
        Assert.Equal(expected, PythonSource.Str(value));
        // And it reads back as the same string.
        Assert.Equal(value, PythonLiteral.Parse(expected));
    }

    [Fact]
    public void Str_refuses_a_lone_surrogate()
    {
        Assert.Throws<ArgumentException>(() => PythonSource.Str("a\ud800b"));
    }

    [Fact]
    public void Bytes_of_every_value_round_trip_and_hold_no_control_byte()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var literal = PythonSource.Bytes(all);
        Assert.Equal(all, PythonLiteral.Parse(literal));
        Assert.Equal(literal.Length, PythonSource.BytesLength(all));
        Assert.DoesNotContain(literal, c => c < 0x20 || c > 0x7e);
    }
}
