using System.Numerics;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.Parsing;

/// <summary>Integer and float/imaginary literal conversion (frontend spec 1.12).</summary>
internal static class NumberLiterals
{
    public static BigInteger ParseInt(string text, int line)
    {
        int pos = 0;
        int baseN = 10;
        bool zeroMode = false;
        if (text.Length >= 2 && text[0] == '0')
        {
            switch (text[1] | 0x20)
            {
                case 'x': baseN = 16; pos = 2; break;
                case 'o': baseN = 8; pos = 2; break;
                case 'b': baseN = 2; pos = 2; break;
                default: zeroMode = true; break;
            }
        }
        else if (text.Length == 1 && text[0] == '0')
        {
            zeroMode = true;
        }
        int digitsStart = pos;
        var value = BigInteger.Zero;
        for (; pos < text.Length; pos++)
        {
            char c = text[pos];
            int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
            if (zeroMode ? d != 0 : d >= baseN)
            {
                break;
            }
            value = (value * baseN) + d;
        }
        if (pos == digitsStart || pos != text.Length)
        {
            int shownBase = zeroMode ? 0 : baseN;
            string rest = text[(baseN == 10 ? 0 : 2)..];
            throw CompileErrorException.Syntax($"invalid syntax for integer with base {shownBase}: '{rest}'", line);
        }
        return value;
    }

    public static object ParseFloat(string text, int line)
    {
        int i = FloatLiteral.ParseDecimal(text, 0, out double v);
        if (i < 0)
        {
            throw CompileErrorException.Syntax("invalid syntax for number", line);
        }
        bool imag = false;
        if (i < text.Length && (text[i] == 'j' || text[i] == 'J'))
        {
            imag = true;
            i++;
        }
        if (i != text.Length)
        {
            throw CompileErrorException.Syntax("invalid syntax for number", line);
        }
        return imag ? new PyComplex(0.0, v) : v;
    }
}
