using System.Globalization;
using System.Text;

namespace Mpyd.Compiler.Mpy;

/// <summary>
/// Readable text for a bytecode .mpy v6 file: header, qstr and constant tables, then every raw code with its
/// prelude, line events and instructions (jump targets as absolute offsets). Used for golden files and `--dis`.
/// </summary>
public static class MpyDisassembler
{
    public static string Disassemble(ReadOnlySpan<byte> mpy)
    {
        var r = new Reader(mpy.ToArray());
        var sb = new StringBuilder();
        if (r.Byte() != 'M')
        {
            throw new InvalidDataException("not an .mpy file (no 'M' magic byte)");
        }
        int version = r.Byte(), feature = r.Byte(), sib = r.Byte();
        if (version != 6)
        {
            throw new InvalidDataException($"unsupported .mpy version {version} (expected 6)");
        }
        sb.Append(CultureInfo.InvariantCulture, $"mpy version {version}, feature byte 0x{feature:x2}, small-int bits {sib}\n");
        int nq = (int)r.Uint(), no = (int)r.Uint();
        var qstrs = new List<string>();
        for (int i = 0; i < nq; i++)
        {
            ulong v = r.Uint();
            if ((v & 1) != 0)
            {
                qstrs.Add(StaticQstrs.List[(int)(v >> 1) - 1]);
            }
            else
            {
                qstrs.Add(Encoding.Latin1.GetString(r.Bytes((int)(v >> 1))));
                r.Byte();
            }
        }
        sb.Append("qstr table: [").Append(string.Join(", ", qstrs.Select(Quote))).Append("]\n");
        var consts = new List<string>();
        for (int i = 0; i < no; i++)
        {
            consts.Add(ReadObject(r));
        }
        sb.Append("const table: [").Append(string.Join(", ", consts)).Append("]\n");
        DisRawCode(r, sb, qstrs, consts);
        return sb.ToString();
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("'");
        foreach (char c in s)
        {
            if (c == '\'' || c == '\\')
            {
                sb.Append('\\').Append(c);
            }
            else if (c < 0x20 || c >= 0x7f)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.Append('\'').ToString();
    }

    private static string ReadObject(Reader r)
    {
        int kind = r.Byte();
        switch (kind)
        {
            case 1: return "None";
            case 2: return "False";
            case 3: return "True";
            case 4: return "...";
            case 5 or 6:
            {
                string s = Encoding.Latin1.GetString(r.Bytes((int)r.Uint()));
                r.Byte();
                return (kind == 6 ? "b" : string.Empty) + Quote(s);
            }
            case 7 or 8 or 9:
                return Encoding.ASCII.GetString(r.Bytes((int)r.Uint()));
            case 10:
            {
                int n = (int)r.Uint();
                var items = new List<string>();
                for (int i = 0; i < n; i++)
                {
                    items.Add(ReadObject(r));
                }
                return "(" + string.Join(", ", items) + (n == 1 ? ",)" : ")");
            }
            default:
                throw new InvalidDataException($"unknown constant kind {kind}");
        }
    }

    private static void DisRawCode(Reader r, StringBuilder sb, List<string> qstrs, List<string> consts)
    {
        ulong head = r.Uint();
        int len = (int)(head >> 3);
        bool hasChildren = (head & 4) != 0;
        if ((head & 3) != 0)
        {
            throw new InvalidDataException("native code is not supported by this disassembler");
        }
        var fun = new Reader(r.Bytes(len));
        int z = fun.Byte();
        int s = (z >> 3) & 0xf, e = (z >> 2) & 1, a = z & 3, f = 0, k = 0, d = 0;
        for (int n = 0; (z & 0x80) != 0; n++)
        {
            z = fun.Byte();
            s |= ((z >> 4) & 3) << (4 + (2 * n));
            e |= ((z >> 1) & 1) << (1 + n);
            f |= ((z >> 6) & 1) << n;
            a |= ((z >> 2) & 1) << (2 + n);
            k |= ((z >> 3) & 1) << n;
            d |= (z & 1) << n;
        }
        int nInfo = 0, nCell = 0;
        for (int n = 0; ; n++)
        {
            z = fun.Byte();
            nInfo |= ((z >> 1) & 0x3f) << (6 * n);
            nCell |= (z & 1) << n;
            if ((z & 0x80) == 0)
            {
                break;
            }
        }
        int infoEnd = fun.Pos + nInfo;
        string name = qstrs[(int)fun.Uint()];
        var args = new List<string>();
        for (int i = 0; i < a + k; i++)
        {
            args.Add(qstrs[(int)fun.Uint()]);
        }
        var lines = new List<string>();
        int off = 0, line = 1;
        while (fun.Pos < infoEnd)
        {
            int b = fun.Byte();
            if ((b & 0x80) == 0)
            {
                off += b & 0x1f;
                line += b >> 5;
            }
            else
            {
                off += b & 0xf;
                line += ((b >> 4) & 7) << 8 | fun.Byte();
            }
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{off}:{line}"));
        }
        var cells = new List<int>();
        for (int i = 0; i < nCell; i++)
        {
            cells.Add(fun.Byte());
        }
        sb.Append('\n').Append(CultureInfo.InvariantCulture,
            $"{name}: n_state={s + 1} n_exc_stack={e} flags=0x{f:x2} n_pos_args={a} n_kwonly_args={k} n_def_pos_args={d}\n");
        sb.Append("  arg names: [").Append(string.Join(", ", args.Select(Quote))).Append("]   cells: [")
            .Append(string.Join(", ", cells)).Append("]\n");
        sb.Append("  line events (offset:line): ").Append(lines.Count == 0 ? "none" : string.Join(" ", lines)).Append('\n');
        var code = fun.Bytes(fun.Remaining);
        BytecodeText.Append(sb, code, qstrs, consts);
        if (hasChildren)
        {
            int n = (int)r.Uint();
            for (int i = 0; i < n; i++)
            {
                DisRawCode(r, sb, qstrs, consts);
            }
        }
    }

    internal sealed class Reader(byte[] data)
    {
        public int Pos { get; private set; }

        public int Remaining => data.Length - Pos;

        public int Byte() => Pos < data.Length ? data[Pos++] : throw new InvalidDataException("truncated .mpy file");

        public byte[] Bytes(int n)
        {
            if (Pos + n > data.Length)
            {
                throw new InvalidDataException("truncated .mpy file");
            }
            var b = data.AsSpan(Pos, n).ToArray();
            Pos += n;
            return b;
        }

        public ulong Uint()
        {
            ulong v = 0;
            int b;
            do
            {
                b = Byte();
                v = (v << 7) | (uint)(b & 0x7f);
            }
            while ((b & 0x80) != 0);
            return v;
        }
    }
}
