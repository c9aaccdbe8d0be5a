using System.Numerics;
using Mpyd.Compiler.Lexing;

namespace Mpyd.Compiler.Parsing;

/// <summary>Arithmetic on int (BigInteger) and float (double) constants as the reference folds it; null means "do not fold".</summary>
internal static class ConstantFolder
{
    public static object? Unary(TokenKind op, object x) => op switch
    {
        TokenKind.OpPlus => x,
        TokenKind.OpMinus => x is BigInteger i ? -i : -(double)x,
        TokenKind.OpTilde => x is BigInteger i ? -i - 1 : null,
        _ => null,
    };

    public static object? Binary(TokenKind op, object a, object b)
    {
        if (a is BigInteger x && b is BigInteger y)
        {
            return IntOp(op, x, y);
        }
        return FloatOp(op, ToDouble(a), ToDouble(b));
    }

    /// <summary>Int to float as the reference converts (frontend spec 3.4.3).</summary>
    public static double ToDouble(object o)
    {
        if (o is double d)
        {
            return d;
        }
        var v = (BigInteger)o;
        var lim = BigInteger.One << 62;
        if (v >= -lim && v < lim)
        {
            return (double)(long)v;
        }
        var mag = BigInteger.Abs(v);
        var bytes = mag.ToByteArray(isUnsigned: true, isBigEndian: false);
        int words = (bytes.Length + 3) / 4;
        double r = 0;
        for (int w = words - 1; w >= 0; w--)
        {
            uint digit = 0;
            for (int k = 3; k >= 0; k--)
            {
                int idx = (w * 4) + k;
                digit = (digit << 8) | (idx < bytes.Length ? bytes[idx] : 0u);
            }
            r = (r * 4294967296.0) + digit;
        }
        return v.Sign < 0 ? -r : r;
    }

    private static object? IntOp(TokenKind op, BigInteger x, BigInteger y)
    {
        switch (op)
        {
            case TokenKind.OpPipe: return x | y;
            case TokenKind.OpCaret: return x ^ y;
            case TokenKind.OpAmpersand: return x & y;
            case TokenKind.OpDblLess:
                return y.Sign < 0 || y > 100000 ? null : x << (int)y;
            case TokenKind.OpDblMore:
                return y.Sign < 0 ? null : y > int.MaxValue ? (x.Sign < 0 ? BigInteger.MinusOne : BigInteger.Zero) : x >> (int)y;
            case TokenKind.OpPlus: return x + y;
            case TokenKind.OpMinus: return x - y;
            case TokenKind.OpStar: return x * y;
            case TokenKind.OpDblSlash:
                if (y.IsZero)
                {
                    return null;
                }
                return FloorDiv(x, y);
            case TokenKind.OpPercent:
                if (y.IsZero)
                {
                    return null;
                }
                return x - (FloorDiv(x, y) * y);
            case TokenKind.OpSlash:
                if (y.IsZero)
                {
                    return null;
                }
                return FloatOp(op, ToDouble(x), ToDouble(y));
            case TokenKind.OpDblStar:
                if (y.Sign < 0)
                {
                    return x.IsZero ? null : FloatOp(op, ToDouble(x), ToDouble(y));
                }
                if (y > 100000 && BigInteger.Abs(x) > 1)
                {
                    return null;
                }
                return BigInteger.Pow(x, (int)y);
            default:
                return null;
        }
    }

    private static BigInteger FloorDiv(BigInteger x, BigInteger y)
    {
        var q = BigInteger.DivRem(x, y, out var r);
        if (!r.IsZero && (r.Sign < 0) != (y.Sign < 0))
        {
            q -= 1;
        }
        return q;
    }

    private static object? FloatOp(TokenKind op, double x, double y)
    {
        switch (op)
        {
            case TokenKind.OpPlus: return x + y;
            case TokenKind.OpMinus: return x - y;
            case TokenKind.OpStar: return x * y;
            case TokenKind.OpSlash: return y == 0 ? null : x / y;
            case TokenKind.OpPercent:
            {
                if (y == 0)
                {
                    return null;
                }
                double r = x % y;
                if (r == 0)
                {
                    return double.CopySign(0.0, y);
                }
                if ((r < 0) != (y < 0))
                {
                    r += y;
                }
                return r;
            }
            case TokenKind.OpDblSlash:
            {
                if (y == 0)
                {
                    return null;
                }
                double mod = x % y;
                double div = (x - mod) / y;
                if (mod != 0 && ((mod < 0) != (y < 0)))
                {
                    div -= 1.0;
                }
                if (div == 0)
                {
                    return double.CopySign(0.0, x / y);
                }
                double fl = Math.Floor(div);
                if (div - fl > 0.5)
                {
                    fl += 1.0;
                }
                return fl;
            }
            case TokenKind.OpDblStar:
                if (x == 0 && y < 0 && !double.IsInfinity(y))
                {
                    return null;
                }
                if (x < 0 && y != Math.Floor(y) && !double.IsNaN(y) && !double.IsInfinity(y))
                {
                    return null;
                }
                return Math.Pow(x, y);
            default:
                return null;
        }
    }
}
