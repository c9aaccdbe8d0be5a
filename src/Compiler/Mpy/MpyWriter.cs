using System.Globalization;
using System.Numerics;
using System.Text;
using Mpyd.Compiler.Binding;
using Mpyd.Compiler.CodeGen;
using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.Mpy;

/// <summary>Serialises a compiled module as .mpy v6 (mpy-format spec 1 and 4).</summary>
internal static class MpyWriter
{
    public static byte[] Write(Scope module, Dictionary<Scope, RawCodeData> output, ModuleTables tables, int smallIntBits)
    {
        var buf = new List<byte> { (byte)'M', 6, 0, (byte)smallIntBits };
        WriteUint(buf, (ulong)tables.Qstrs.Count);
        WriteUint(buf, (ulong)tables.Constants.Count);
        foreach (var q in tables.Qstrs)
        {
            int id = StaticQstrs.IdOf(q);
            if (id > 0)
            {
                WriteUint(buf, (ulong)((id << 1) | 1));
            }
            else
            {
                WriteUint(buf, (ulong)(q.Length << 1));
                buf.AddRange(Encoding.Latin1.GetBytes(q));
                buf.Add(0);
            }
        }
        foreach (var o in tables.Constants)
        {
            WriteObject(buf, o);
        }
        WriteRawCode(buf, module, output);
        return [.. buf];
    }

    public static void WriteUint(List<byte> buf, ulong v)
    {
        Span<byte> tmp = stackalloc byte[10];
        int n = 0;
        do
        {
            tmp[n++] = (byte)(v & 0x7f);
            v >>= 7;
        }
        while (v != 0);
        for (int i = n - 1; i >= 0; i--)
        {
            buf.Add((byte)(tmp[i] | (i > 0 ? 0x80 : 0)));
        }
    }

    private static void WriteObject(List<byte> buf, object o)
    {
        switch (o)
        {
            case PySingleton s:
                buf.Add(s == PySingleton.None ? (byte)1 : s == PySingleton.False ? (byte)2 : s == PySingleton.True ? (byte)3 : (byte)4);
                break;
            case PyStr s:
                buf.Add(5);
                WriteUint(buf, (ulong)s.Value.Length);
                buf.AddRange(Encoding.Latin1.GetBytes(s.Value));
                buf.Add(0);
                break;
            case PyBytes b:
                buf.Add(6);
                WriteUint(buf, (ulong)b.Value.Length);
                buf.AddRange(Encoding.Latin1.GetBytes(b.Value));
                buf.Add(0);
                break;
            case BigInteger i:
                WriteText(buf, 7, i.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                WriteText(buf, 8, FloatLiteral.Repr(d));
                break;
            case PyComplex c:
                WriteText(buf, 9, ComplexText(c));
                break;
            case PyTuple t:
                buf.Add(10);
                WriteUint(buf, (ulong)t.Items.Length);
                foreach (var item in t.Items)
                {
                    WriteObject(buf, item);
                }
                break;
            default:
                throw new InvalidOperationException($"unexpected constant {o}");
        }
    }

    private static string ComplexText(PyComplex c)
    {
        if (c.Real == 0 && !double.IsNegative(c.Real))
        {
            return FloatLiteral.FormatDigits(c.Imag) + "j";
        }
        string imag = FloatLiteral.FormatDigits(c.Imag);
        return "(" + FloatLiteral.FormatDigits(c.Real) + (imag.StartsWith('-') ? string.Empty : "+") + imag + "j)";
    }

    private static void WriteText(List<byte> buf, byte kind, string text)
    {
        buf.Add(kind);
        WriteUint(buf, (ulong)text.Length);
        buf.AddRange(Encoding.ASCII.GetBytes(text));
    }

    private static void WriteRawCode(List<byte> buf, Scope scope, Dictionary<Scope, RawCodeData> output)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var rc = output[scope];
        var fun = new List<byte>();
        WriteSignature(fun, scope);
        var info = new List<byte>();
        WriteUint(info, (ulong)rc.NameIndex);
        foreach (int a in rc.ArgNames)
        {
            WriteUint(info, (ulong)a);
        }
        info.AddRange(rc.LineInfo);
        WriteSize(fun, info.Count, rc.Cells.Length);
        fun.AddRange(info);
        fun.AddRange(rc.Cells);
        fun.AddRange(rc.Bytecode);
        bool hasChildren = rc.Children.Count > 0;
        WriteUint(buf, (ulong)((fun.Count << 3) | (hasChildren ? 4 : 0)));
        buf.AddRange(fun);
        if (hasChildren)
        {
            WriteUint(buf, (ulong)rc.Children.Count);
            foreach (var c in rc.Children)
            {
                WriteRawCode(buf, c, output);
            }
        }
    }

    private static void WriteSignature(List<byte> buf, Scope scope)
    {
        int nState = scope.NumLocals + scope.StackSize;
        if (nState == 0)
        {
            nState = 1;
        }
        int s = nState - 1, e = scope.ExcStackSize, f = scope.Flags & 0x0f, a = scope.NumPosArgs, k = scope.NumKwOnlyArgs, d = scope.NumDefPosArgs;
        int z = ((s & 15) << 3) | ((e & 1) << 2) | (a & 3);
        s >>= 4;
        e >>= 1;
        a >>= 2;
        while ((s | e | f | a | k | d) != 0)
        {
            buf.Add((byte)(0x80 | z));
            z = ((f & 1) << 6) | ((s & 3) << 4) | ((k & 1) << 3) | ((a & 1) << 2) | ((e & 1) << 1) | (d & 1);
            s >>= 2;
            e >>= 1;
            f >>= 1;
            a >>= 1;
            k >>= 1;
            d >>= 1;
        }
        buf.Add((byte)z);
    }

    private static void WriteSize(List<byte> buf, int nInfo, int nCell)
    {
        do
        {
            int z = ((nInfo & 0x3f) << 1) | (nCell & 1);
            nCell >>= 1;
            nInfo >>= 6;
            if ((nCell | nInfo) != 0)
            {
                z |= 0x80;
            }
            buf.Add((byte)z);
        }
        while ((nCell | nInfo) != 0);
    }
}
