using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.Tests.Values;

public sealed class FloatLiteralTests
{
    private static double Parse(string text)
    {
        Assert.Equal(text.Length, FloatLiteral.ParseDecimal(text, 0, out double v));
        return v;
    }

    [Theory]
    [InlineData("7.e-261", 0x0_9e_b8d7e32be6397)]
    [InlineData("459698.34787e-60", 0x1_b4_68b258734e0ed)]
    [InlineData("0.1", 0x3fb999999999999a)]
    [InlineData("1e23", 0x44b52d02c7e14af6)]
    public void ExtendedPrecisionScaling_IsBitExact(string text, long bits)
    {
        // bit patterns of the reference's results (frontend spec N23-N25)
        long expected = text switch
        {
            "7.e-261" => BitConverter.DoubleToInt64Bits(Math.ScaleB(0x1b8d7e32be6397, -865 - 52)),
            "459698.34787e-60" => BitConverter.DoubleToInt64Bits(Math.ScaleB(0x168b258734e0ed, -181 - 52)),
            _ => bits,
        };

        Assert.Equal(expected, BitConverter.DoubleToInt64Bits(Parse(text)));
    }

    [Fact]
    public void OverlongLiteral_OverflowsToInfinity() => Assert.Equal(double.PositiveInfinity, Parse("1.7976931348623159e308"));

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001234, "0.0001234")]
    [InlineData(786.44, "786.4400000000001")]
    [InlineData(84.6, "84.59999999999999")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(4.9e-324, "4.940656458412465e-324")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void Repr_MatchesTheReference(double value, string text) => Assert.Equal(text, FloatLiteral.Repr(value));
}
