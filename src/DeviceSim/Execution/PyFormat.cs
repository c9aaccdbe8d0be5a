using System.Globalization;
using System.Numerics;
using System.Text;

namespace Mpyd.DeviceSim.Execution;

/// <summary>str() and repr() as MicroPython prints them.</summary>
internal static class PyFormat
{
    public static string Str(object? v) => v switch
    {
        string s => s,
        _ => Repr(v),
    };

    public static string Repr(object? v) => v switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        double d => FloatRepr(d),
        string s => StrRepr(s),
        byte[] b => BytesRepr(b),
        List<object?> l => "[" + string.Join(", ", l.Select(Repr)) + "]",
        PyTuple t => t.Items.Length == 1 ? "(" + Repr(t.Items[0]) + ",)" : "(" + string.Join(", ", t.Items.Select(Repr)) + ")",
        PyModule m => m.ReprText ?? $"<module '{m.Name}'>",
        PyFunction f => $"<function {f.Name}>",
        PyExceptionType t => $"<class '{t.Name}'>",
        PyIterator => "<iterator>",
        PyDict d => "{" + string.Join(", ", d.Items.Select(kv => StrRepr(kv.Key) + ": " + Repr(kv.Value))) + "}",
        PyOpaque o => o.Description,
        BoardFileObject f => f.Text ? "<io.TextIOWrapper>" : "<io.FileIO>",
        PyException e => $"{e.TypeName}({StrRepr(e.PyMessage)})",
        _ => "<object>",
    };

    private static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
            return "nan";
        if (double.IsInfinity(d))
            return d > 0 ? "inf" : "-inf";
        // MicroPython (double precision) prints up to 16 significant digits and always shows a point or exponent.
        var s = d.ToString("G16", CultureInfo.InvariantCulture);
        if (s.Contains('E'))
        {
            var parts = s.Split('E');
            var exp = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return parts[0] + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        return s.Contains('.') ? s : s + ".0";
    }

    // MicroPython's str repr escapes every code point outside printable ASCII:
    // \xNN below 0x100, \uNNNN below 0x10000, else \UNNNNNNNN (checked on the VM board).
    public static string StrRepr(string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                        sb.Append('\\').Append((char)c);
                    else if (c < 0x20 || (c >= 0x7F && c < 0x100))
                        sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
                    else if (c >= 0x10000)
                        sb.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
                    else if (c >= 0x100)
                        sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append((char)c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }

    public static string BytesRepr(byte[] b)
    {
        var hasSingle = b.Contains((byte)'\'');
        var quote = hasSingle && !b.Contains((byte)'"') ? '"' : '\'';
        var sb = new StringBuilder(b.Length + 3).Append('b').Append(quote);
        foreach (var x in b)
        {
            switch (x)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                default:
                    if (x == quote)
                        sb.Append('\\').Append((char)x);
                    else if (x < 0x20 || x >= 0x7F)
                        sb.Append("\\x").Append(x.ToString("x2", CultureInfo.InvariantCulture));
                    else
                        sb.Append((char)x);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }
}
