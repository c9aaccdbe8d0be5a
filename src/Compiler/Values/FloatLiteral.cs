using System.Numerics;

namespace Mpyd.Compiler.Values;

/// <summary>Decimal text to double exactly as the reference does it (frontend spec 1.12.2), and the reference's float repr.</summary>
internal static class FloatLiteral
{
    private const ulong Max = 0x1999999999999998;

    /// <summary>Parses the decimal part of <paramref name="text"/>; returns the index of the first unused character, or -1 on error.</summary>
    public static int ParseDecimal(string text, int start, out double value)
    {
        ulong m = 0;
        int extra = 0, zi = 0, zf = 0, e = 0;
        bool eneg = false;
        int state = 0; // 0 int, 1 frac, 2 exp
        int i = start;
        value = 0;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= '0' && c <= '9')
            {
                int d = c - '0';
                if (state == 2)
                {
                    if (e < 107374181)
                    {
                        e = (10 * e) + d;
                    }
                }
                else if (d == 0 || m >= Max)
                {
                    if (state == 0) { zi++; } else { zf++; }
                }
                else
                {
                    for (; zi > 0; zi--) { m = Accept(m, 0, 0, ref extra); }
                    for (; zf > 0; zf--) { m = Accept(m, 0, 1, ref extra); }
                    m = Accept(m, d, state, ref extra);
                }
            }
            else if (c == '.' && state == 0)
            {
                state = 1;
            }
            else if ((c == 'e' || c == 'E') && state != 2)
            {
                state = 2;
                if (i + 1 < text.Length && (text[i + 1] == '+' || text[i + 1] == '-'))
                {
                    eneg = text[i + 1] == '-';
                    i++;
                }
                if (i + 1 >= text.Length)
                {
                    return -1;
                }
            }
            else if (c == '_')
            {
                continue;
            }
            else
            {
                break;
            }
        }
        int exponent = (eneg ? -e : e) + extra + zi;
        value = exponent == 0 || m == 0
            ? m
            : ExtendedFloat.ScaleByPowerOfTen(ExtendedFloat.FromExact(m, 0), exponent).ToDouble();
        return i;
    }

    private static ulong Accept(ulong m, int d, int state, ref int extra)
    {
        if (m < Max)
        {
            if (state == 1)
            {
                extra--;
            }
            return (10 * m) + (ulong)d;
        }
        if (state == 0)
        {
            extra++;
        }
        return m;
    }

    /// <summary>The reference's repr of a float (mpy-format Appendix A), without the ".0" completion.</summary>
    public static string FormatDigits(double v)
    {
        if (double.IsNaN(v))
        {
            return "nan";
        }
        string sign = double.IsNegative(v) ? "-" : string.Empty;
        v = Math.Abs(v);
        if (double.IsInfinity(v))
        {
            return sign + "inf";
        }
        int e = 0;
        if (v != 0)
        {
            long bits = BitConverter.DoubleToInt64Bits(v);
            int be = (int)((bits >> 52) & 0x7FF) - 1023;
            e = (int)(be * 0.3010299956639812);
            var one = ExtendedFloat.FromExact(1, 0);
            if (v >= 1)
            {
                while (v >= ExtendedFloat.ScaleByPowerOfTen(one, e + 1).ToDouble())
                {
                    e++;
                }
            }
            else
            {
                while (v < ExtendedFloat.ScaleByPowerOfTen(one, e).ToDouble())
                {
                    e--;
                }
            }
        }
        string text = string.Empty;
        for (int n = 16; n <= 19; n++)
        {
            BigInteger mant = 0;
            int e2 = e;
            if (v != 0)
            {
                var q = ExtendedFloat.ScaleByPowerOfTen(ExtendedFloat.FromDouble(v), n - 1 - e);
                mant = (q + ExtendedFloat.FromExact(1, -1)).Truncate();
            }
            if (mant >= BigInteger.Pow(10, n))
            {
                mant /= 10;
                e2 = e + 1;
            }
            text = Layout(mant.ToString().PadLeft(n, '0'), e2);
            if (n < 19 && ParseDecimal(text, 0, out double back) >= 0 && back.Equals(v))
            {
                break;
            }
        }
        return sign + text;
    }

    private static string Layout(string d, int e)
    {
        string s;
        if (e >= 0 && e <= 15)
        {
            s = e + 1 < d.Length ? d[..(e + 1)] + "." + d[(e + 1)..] : d;
        }
        else if (e >= -4 && e <= -1)
        {
            s = "0." + new string('0', -e - 1) + d;
        }
        else
        {
            string exp = Math.Abs(e).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            s = d[0] + "." + d[1..];
            s = TrimPoint(s) + "e" + (e < 0 ? "-" : "+") + exp;
            return s;
        }
        return TrimPoint(s);
    }

    private static string TrimPoint(string s)
    {
        if (!s.Contains('.'))
        {
            return s;
        }
        s = s.TrimEnd('0');
        return s.EndsWith('.') ? s[..^1] : s;
    }

    /// <summary>Float constant text: digits plus ".0" when it has no '.', 'e' or 'n'.</summary>
    public static string Repr(double v)
    {
        string s = FormatDigits(v);
        return s.Contains('.') || s.Contains('e') || s.Contains('n') ? s : s + ".0";
    }
}
