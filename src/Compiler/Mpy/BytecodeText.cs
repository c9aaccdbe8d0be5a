using System.Globalization;
using System.Text;

namespace Mpyd.Compiler.Mpy;

/// <summary>Decodes bytecode instructions to one line each (mpy-format spec 3).</summary>
internal static class BytecodeText
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0x10] = "LOAD_CONST_STRING", [0x11] = "LOAD_NAME", [0x12] = "LOAD_GLOBAL", [0x13] = "LOAD_ATTR",
        [0x14] = "LOAD_METHOD", [0x15] = "LOAD_SUPER_METHOD", [0x16] = "STORE_NAME", [0x17] = "STORE_GLOBAL",
        [0x18] = "STORE_ATTR", [0x19] = "DELETE_NAME", [0x1a] = "DELETE_GLOBAL", [0x1b] = "IMPORT_NAME", [0x1c] = "IMPORT_FROM",
        [0x20] = "MAKE_CLOSURE", [0x21] = "MAKE_CLOSURE_DEFARGS", [0x22] = "LOAD_CONST_SMALL_INT", [0x23] = "LOAD_CONST_OBJ",
        [0x24] = "LOAD_FAST", [0x25] = "LOAD_DEREF", [0x26] = "STORE_FAST", [0x27] = "STORE_DEREF", [0x28] = "DELETE_FAST",
        [0x29] = "DELETE_DEREF", [0x2a] = "BUILD_TUPLE", [0x2b] = "BUILD_LIST", [0x2c] = "BUILD_MAP", [0x2d] = "BUILD_SET",
        [0x2e] = "BUILD_SLICE", [0x2f] = "STORE_COMP", [0x30] = "UNPACK_SEQUENCE", [0x31] = "UNPACK_EX",
        [0x32] = "MAKE_FUNCTION", [0x33] = "MAKE_FUNCTION_DEFARGS", [0x34] = "CALL_FUNCTION", [0x35] = "CALL_FUNCTION_VAR_KW",
        [0x36] = "CALL_METHOD", [0x37] = "CALL_METHOD_VAR_KW",
        [0x40] = "UNWIND_JUMP", [0x42] = "JUMP", [0x43] = "POP_JUMP_IF_TRUE", [0x44] = "POP_JUMP_IF_FALSE",
        [0x45] = "JUMP_IF_TRUE_OR_POP", [0x46] = "JUMP_IF_FALSE_OR_POP", [0x47] = "SETUP_WITH", [0x48] = "SETUP_EXCEPT",
        [0x49] = "SETUP_FINALLY", [0x4a] = "POP_EXCEPT_JUMP", [0x4b] = "FOR_ITER",
        [0x50] = "LOAD_CONST_FALSE", [0x51] = "LOAD_CONST_NONE", [0x52] = "LOAD_CONST_TRUE", [0x53] = "LOAD_NULL",
        [0x54] = "LOAD_BUILD_CLASS", [0x55] = "LOAD_SUBSCR", [0x56] = "STORE_SUBSCR", [0x57] = "DUP_TOP", [0x58] = "DUP_TOP_TWO",
        [0x59] = "POP_TOP", [0x5a] = "ROT_TWO", [0x5b] = "ROT_THREE", [0x5c] = "WITH_CLEANUP", [0x5d] = "END_FINALLY",
        [0x5e] = "GET_ITER", [0x5f] = "GET_ITER_STACK", [0x62] = "STORE_MAP", [0x63] = "RETURN_VALUE", [0x64] = "RAISE_LAST",
        [0x65] = "RAISE_OBJ", [0x66] = "RAISE_FROM", [0x67] = "YIELD_VALUE", [0x68] = "YIELD_FROM", [0x69] = "IMPORT_STAR",
    };

    public static void Append(StringBuilder sb, byte[] code, List<string> qstrs, List<string> consts)
    {
        var r = new MpyDisassembler.Reader(code);
        while (r.Remaining > 0)
        {
            int at = r.Pos;
            int op = r.Byte();
            string text;
            if (op >= 0x70 && op <= 0xaf)
            {
                text = $"LOAD_CONST_SMALL_INT {op - 0x80}";
            }
            else if (op >= 0xb0 && op <= 0xbf)
            {
                text = $"LOAD_FAST {op - 0xb0}";
            }
            else if (op >= 0xc0 && op <= 0xcf)
            {
                text = $"STORE_FAST {op - 0xc0}";
            }
            else if (op >= 0xd0 && op <= 0xd3)
            {
                text = $"UNARY_OP {(UnaryOp)(op - 0xd0)}";
            }
            else if (op >= 0xd7 && op <= 0xf9)
            {
                text = $"BINARY_OP {(BinaryOp)(op - 0xd7)}";
            }
            else if (Names.TryGetValue(op, out var name))
            {
                text = name + Operand(op, r, qstrs, consts);
            }
            else
            {
                text = $"<unknown 0x{op:x2}>";
            }
            sb.Append(CultureInfo.InvariantCulture, $"  {at,4}  {text}\n");
        }
    }

    private static string Operand(int op, MpyDisassembler.Reader r, List<string> qstrs, List<string> consts)
    {
        if (op >= 0x10 && op <= 0x1c)
        {
            return " " + qstrs[(int)r.Uint()];
        }
        if (op == 0x22)
        {
            int b = r.Byte();
            long v = (b & 0x40) != 0 ? -1 : 0;
            v = (v << 7) | (uint)(b & 0x7f);
            while ((b & 0x80) != 0)
            {
                b = r.Byte();
                v = (v << 7) | (uint)(b & 0x7f);
            }
            return " " + v.ToString(CultureInfo.InvariantCulture);
        }
        if (op == 0x23)
        {
            return " " + consts[(int)r.Uint()];
        }
        if (op is 0x20 or 0x21)
        {
            ulong c = r.Uint();
            return $" child {c}, {r.Byte()} closed";
        }
        if (op is 0x32 or 0x33)
        {
            return $" child {r.Uint()}";
        }
        if (op is >= 0x34 and <= 0x37)
        {
            ulong v = r.Uint();
            return $" ({v & 0xff}, {v >> 8})";
        }
        if (op >= 0x20 && op <= 0x37)
        {
            return " " + r.Uint().ToString(CultureInfo.InvariantCulture);
        }
        if (op >= 0x40 && op <= 0x4b)
        {
            bool signed = op <= 0x44;
            int b0 = r.Byte();
            int off;
            if ((b0 & 0x80) == 0)
            {
                off = signed ? b0 - 0x40 : b0;
            }
            else
            {
                int w = (b0 & 0x7f) | (r.Byte() << 7);
                off = signed ? w - 0x4000 : w;
            }
            string s = $" ->{r.Pos + off}";
            if (op == 0x40)
            {
                s += $", 0x{r.Byte():x2}";
            }
            return s;
        }
        return string.Empty;
    }
}
