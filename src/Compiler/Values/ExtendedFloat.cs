using System.Numerics;

namespace Mpyd.Compiler.Values;

/// <summary>
/// An x87-style extended value: 64-bit significand, round to nearest even after every operation, unbounded
/// exponent. Value = Mantissa * 2^Exponent; Mantissa is 0 or has exactly 64 bits.
/// </summary>
internal readonly record struct ExtendedFloat(BigInteger Mantissa, int Exponent)
{
    private const int Bits = 64;

    public bool IsZero => Mantissa.IsZero;

    public static ExtendedFloat FromExact(BigInteger value, int exponent, bool sticky = false)
    {
        if (value.IsZero)
        {
            return new ExtendedFloat(BigInteger.Zero, 0);
        }
        var (m, e) = RoundTo(value, exponent, sticky, Bits);
        return new ExtendedFloat(m, e);
    }

    public static ExtendedFloat FromDouble(double d)
    {
        if (d == 0)
        {
            return new ExtendedFloat(BigInteger.Zero, 0);
        }
        long bits = BitConverter.DoubleToInt64Bits(d);
        int be = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        return be == 0 ? FromExact(frac, -1074) : FromExact(frac | (1L << 52), be - 1075);
    }

    public static ExtendedFloat operator *(ExtendedFloat a, ExtendedFloat b) =>
        a.IsZero || b.IsZero ? default : FromExact(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    public static ExtendedFloat operator /(ExtendedFloat a, ExtendedFloat b)
    {
        if (a.IsZero)
        {
            return default;
        }
        const int extra = Bits + 3;
        var num = a.Mantissa << extra;
        var q = BigInteger.DivRem(num, b.Mantissa, out var rem);
        return FromExact(q, a.Exponent - b.Exponent - extra, !rem.IsZero);
    }

    public static ExtendedFloat operator +(ExtendedFloat a, ExtendedFloat b)
    {
        if (a.IsZero)
        {
            return b;
        }
        if (b.IsZero)
        {
            return a;
        }
        int e = Math.Min(a.Exponent, b.Exponent);
        return FromExact((a.Mantissa << (a.Exponent - e)) + (b.Mantissa << (b.Exponent - e)), e);
    }

    /// <summary>Truncation toward zero (value is non-negative).</summary>
    public BigInteger Truncate() => Exponent >= 0 ? Mantissa << Exponent : Mantissa >> -Exponent;

    public int CompareTo(ExtendedFloat other)
    {
        if (IsZero || other.IsZero)
        {
            return Mantissa.CompareTo(other.Mantissa);
        }
        int e = Math.Min(Exponent, other.Exponent);
        return (Mantissa << (Exponent - e)).CompareTo(other.Mantissa << (other.Exponent - e));
    }

    /// <summary>Rounds to an IEEE double: nearest even, gradual underflow, overflow to infinity.</summary>
    public double ToDouble()
    {
        if (IsZero)
        {
            return 0.0;
        }
        long bitLen = (long)Mantissa.GetBitLength();
        long topExp = Exponent + bitLen - 1;
        long lsb = Math.Max(topExp - 52, -1074);
        if (topExp > 1100)
        {
            return double.PositiveInfinity;
        }
        if (lsb <= Exponent)
        {
            return Math.ScaleB((double)Mantissa, Exponent);
        }
        int shift = (int)(lsb - Exponent);
        var kept = RoundShift(Mantissa, shift, false);
        return Math.ScaleB((double)kept, (int)lsb);
    }

    private static (BigInteger M, int E) RoundTo(BigInteger v, int e, bool sticky, int bits)
    {
        int len = (int)v.GetBitLength();
        if (len <= bits)
        {
            return (v << (bits - len), e - (bits - len));
        }
        int shift = len - bits;
        var kept = RoundShift(v, shift, sticky);
        if (kept.GetBitLength() > bits)
        {
            kept >>= 1;
            shift++;
        }
        return (kept, e + shift);
    }

    private static BigInteger RoundShift(BigInteger v, int shift, bool sticky)
    {
        var kept = v >> shift;
        var rem = v - (kept << shift);
        var half = BigInteger.One << (shift - 1);
        int c = rem.CompareTo(half);
        if (c > 0 || (c == 0 && (sticky || !kept.IsEven)))
        {
            kept += 1;
        }
        return kept;
    }

    /// <summary>The reference's power-of-ten scaling: x * 10^k (or / 10^-k) by repeated squaring in extended precision.</summary>
    public static ExtendedFloat ScaleByPowerOfTen(ExtendedFloat x, int k)
    {
        if (k == 0 || x.IsZero)
        {
            return x;
        }
        var r = x;
        var p = FromExact(10, 0);
        long m = Math.Abs((long)k);
        while (m != 0)
        {
            if ((m & 1) != 0)
            {
                r = k < 0 ? r / p : r * p;
            }
            m >>= 1;
            if (m != 0)
            {
                p = p * p;
            }
        }
        return r;
    }
}
