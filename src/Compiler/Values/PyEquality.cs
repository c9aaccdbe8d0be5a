using System.Numerics;

namespace Mpyd.Compiler.Values;

/// <summary>The strict equality the constant table uses: same type and value, tuples item by item, -0.0 != 0.0, NaN != NaN.</summary>
internal static class PyEquality
{
    public static bool StrictEquals(object a, object b)
    {
        return a switch
        {
            BigInteger x => b is BigInteger y && x == y,
            double x => b is double y && !double.IsNaN(x) && Bits(x) == Bits(y),
            PyComplex x => b is PyComplex y && !double.IsNaN(x.Imag) && !double.IsNaN(x.Real)
                && Bits(x.Real) == Bits(y.Real) && Bits(x.Imag) == Bits(y.Imag),
            PyStr x => b is PyStr y && x.Value == y.Value,
            PyBytes x => b is PyBytes y && x.Value == y.Value,
            PyTuple x => b is PyTuple y && ItemsEqual(x.Items, y.Items),
            _ => ReferenceEquals(a, b),
        };
    }

    private static bool ItemsEqual(object[] x, object[] y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }
        for (int i = 0; i < x.Length; i++)
        {
            if (!StrictEquals(x[i], y[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A hash consistent with <see cref="StrictEquals"/> (equal objects hash alike).</summary>
    public static int StrictHash(object o) => o switch
    {
        double d => Bits(d).GetHashCode(),
        PyComplex c => HashCode.Combine(Bits(c.Real), Bits(c.Imag)),
        PyTuple t => TupleHash(t.Items),
        PySingleton => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(o),
        _ => HashCode.Combine(o.GetType(), o.GetHashCode()),
    };

    private static int TupleHash(object[] items)
    {
        var h = new HashCode();
        h.Add(items.Length);
        foreach (var item in items)
        {
            h.Add(StrictHash(item));
        }
        return h.ToHashCode();
    }

    private static long Bits(double d) => BitConverter.DoubleToInt64Bits(d);

    /// <summary>Python truth value of a constant.</summary>
    public static bool IsTrue(object o) => o switch
    {
        BigInteger x => !x.IsZero,
        double d => d != 0.0,
        PyComplex c => c.Real != 0.0 || c.Imag != 0.0,
        PyStr s => s.Value.Length > 0,
        PyBytes s => s.Value.Length > 0,
        PyTuple t => t.Items.Length > 0,
        _ => !(ReferenceEquals(o, PySingleton.None) || ReferenceEquals(o, PySingleton.False)),
    };
}
