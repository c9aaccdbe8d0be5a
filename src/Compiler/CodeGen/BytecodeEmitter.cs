using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Mpy;

namespace Mpyd.Compiler.CodeGen;

/// <summary>
/// Writes bytecode for one scope per pass: stack accounting, dead-code suppression, jump sizing across passes,
/// the line table, and first-use registration of qstrs, constants and children.
/// </summary>
internal sealed partial class BytecodeEmitter(ModuleTables tables, int optimizationLevel)
{
    private readonly ModuleTables _tables = tables;
    private readonly int _optLevel = optimizationLevel;
    private readonly List<byte> _code = [];
    private readonly List<byte> _lineInfo = [];
    private readonly List<int> _labels = [];
    private Scope _scope = null!;
    private int _stack;
    private int _lastLine;
    private int _lastLineOffset;

    public Pass Pass { get; private set; }

    public bool Suppress { get; private set; }

    public List<Scope> Children { get; } = [];

    public IReadOnlyList<byte> Code => _code;

    public IReadOnlyList<byte> LineInfo => _lineInfo;

    public bool LastWasReturn { get; private set; }

    public void StartPass(Pass pass, Scope scope)
    {
        if (!ReferenceEquals(scope, _scope))
        {
            _labels.Clear();
        }
        Pass = pass;
        _scope = scope;
        _stack = 0;
        _lastLine = 1;
        _lastLineOffset = 0;
        Suppress = false;
        _code.Clear();
        _lineInfo.Clear();
        Children.Clear();
        _tables.UseQstr(scope.SimpleName);
        for (int i = 0; i < scope.NumPosArgs + scope.NumKwOnlyArgs; i++)
        {
            string name = "*";
            foreach (var id in scope.Ids)
            {
                if ((id.Flags & IdFlags.Param) != 0 && id.LocalNum == i)
                {
                    name = id.Name;
                    break;
                }
            }
            _tables.UseQstr(name);
        }
    }

    /// <summary>Argument names as qstr indices (in slot order), for the prelude.</summary>
    public List<int> ArgNameIndices()
    {
        var list = new List<int>();
        for (int i = 0; i < _scope.NumPosArgs + _scope.NumKwOnlyArgs; i++)
        {
            string name = "*";
            foreach (var id in _scope.Ids)
            {
                if ((id.Flags & IdFlags.Param) != 0 && id.LocalNum == i)
                {
                    name = id.Name;
                    break;
                }
            }
            list.Add(_tables.UseQstr(name));
        }
        return list;
    }

    private int Offset => _code.Count;

    public void AdjustStack(int delta)
    {
        if (Pass == Pass.Scope)
        {
            return;
        }
        _stack += delta;
        if (_stack > _scope.StackSize)
        {
            _scope.StackSize = _stack;
        }
    }

    public void SetSourceLine(int line)
    {
        if (_optLevel >= 3 || line <= _lastLine)
        {
            return;
        }
        int b = Offset - _lastLineOffset;
        int l = line - _lastLine;
        while (b > 0 || l > 0)
        {
            if (l <= 6 || b > 15)
            {
                int bb = Math.Min(b, 31);
                int ll = bb < b ? 0 : Math.Min(l, 3);
                _lineInfo.Add((byte)(bb | (ll << 5)));
                b -= bb;
                l -= ll;
            }
            else
            {
                int bb = Math.Min(b, 15);
                int ll = Math.Min(l, 2047);
                _lineInfo.Add((byte)(0x80 | bb | ((ll >> 4) & 0x70)));
                _lineInfo.Add((byte)(ll & 0xff));
                b -= bb;
                l -= ll;
            }
        }
        _lastLineOffset = Offset;
        _lastLine = line;
    }

    public int NewLabel(int index)
    {
        while (_labels.Count <= index)
        {
            _labels.Add(0);
        }
        return index;
    }

    public void LabelAssign(int label)
    {
        Suppress = false;
        LastWasReturn = false;
        if (Pass == Pass.Scope)
        {
            return;
        }
        NewLabel(label);
        _labels[label] = Offset;
    }

    private void Byte(byte b)
    {
        if (!Suppress)
        {
            _code.Add(b);
        }
    }

    private void Uint(ulong v)
    {
        Span<byte> buf = stackalloc byte[10];
        int n = 0;
        do
        {
            buf[n++] = (byte)(v & 0x7f);
            v >>= 7;
        }
        while (v != 0);
        for (int i = n - 1; i >= 0; i--)
        {
            Byte((byte)(buf[i] | (i > 0 ? 0x80 : 0)));
        }
    }

    private void Op0(int stackAdj, byte op)
    {
        AdjustStack(stackAdj);
        LastWasReturn = false;
        Byte(op);
    }

    private void OpUint(int stackAdj, byte op, ulong arg)
    {
        AdjustStack(stackAdj);
        LastWasReturn = false;
        Byte(op);
        Uint(arg);
    }

    private void OpQstr(int stackAdj, byte op, string q) => OpUint(stackAdj, op, (ulong)_tables.UseQstr(q));

    private void OpLabel(int stackAdj, byte op, int label)
    {
        AdjustStack(stackAdj);
        LastWasReturn = false;
        if (Suppress)
        {
            return;
        }
        bool signed = op <= Op.PopJumpIfFalse;
        int extraLen = 1;
        int off = 0;
        if (Pass >= Pass.CodeSize)
        {
            NewLabel(label);
            off = _labels[label] - Offset - 2;
            if ((signed && off >= -64 && off <= 63) || (!signed && off >= 0 && off <= 127))
            {
                extraLen = 0;
            }
            off -= extraLen;
        }
        _code.Add(op);
        if (extraLen == 0)
        {
            _code.Add((byte)(signed ? off + 0x40 : off));
        }
        else
        {
            int w = signed ? off + 0x4000 : off;
            if (Pass == Pass.Emit && (w < 0 || w > 0x7fff))
            {
                throw new Diagnostics.CompileErrorException("RuntimeError", "bytecode overflow", 0);
            }
            _code.Add((byte)(0x80 | (w & 0x7f)));
            _code.Add((byte)((w >> 7) & 0xff));
        }
    }
}
