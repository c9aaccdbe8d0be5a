using System.Numerics;
using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Mpy;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class BytecodeEmitter
{
    public void LoadConstNone() => Op0(1, Op.LoadConstNone);

    public void LoadConstBool(bool v) => Op0(1, v ? Op.LoadConstTrue : Op.LoadConstFalse);

    public void LoadConstSmallInt(long v)
    {
        if (v >= -16 && v <= 47)
        {
            Op0(1, (byte)(Op.LoadConstSmallIntMulti + 16 + v));
            return;
        }
        AdjustStack(1);
        LastWasReturn = false;
        Byte(Op.LoadConstSmallInt);
        Span<byte> buf = stackalloc byte[12];
        int n = 0;
        long x = v;
        do
        {
            buf[n++] = (byte)(x & 0x7f);
            x >>= 7;
        }
        while (!(x == 0 || x == -1));
        if (v >= 0 && (buf[n - 1] & 0x40) != 0)
        {
            buf[n++] = 0;
        }
        else if (v < 0 && (buf[n - 1] & 0x40) == 0)
        {
            buf[n++] = 0x7f;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            Byte((byte)(buf[i] | (i > 0 ? 0x80 : 0)));
        }
    }

    public void LoadConstStr(string q) => OpQstr(1, Op.LoadConstString, q);

    public void LoadConstObj(object o) => OpUint(1, Op.LoadConstObj, (ulong)_tables.UseConst(o));

    public void LoadNull() => Op0(1, Op.LoadNull);

    public void LoadFast(int n)
    {
        if (n < 16)
        {
            Op0(1, (byte)(Op.LoadFastMulti + n));
        }
        else
        {
            OpUint(1, Op.LoadFastN, (ulong)n);
        }
    }

    public void StoreFast(int n)
    {
        if (n < 16)
        {
            Op0(-1, (byte)(Op.StoreFastMulti + n));
        }
        else
        {
            OpUint(-1, Op.StoreFastN, (ulong)n);
        }
    }

    public void LoadDeref(int n) => OpUint(1, Op.LoadDeref, (ulong)n);

    public void StoreDeref(int n) => OpUint(-1, Op.StoreDeref, (ulong)n);

    public void DeleteFast(int n) => OpUint(0, Op.DeleteFast, (ulong)n);

    public void DeleteDeref(int n) => OpUint(0, Op.DeleteDeref, (ulong)n);

    public void LoadName(string q) => OpQstr(1, Op.LoadName, q);

    public void LoadGlobal(string q) => OpQstr(1, Op.LoadGlobal, q);

    public void StoreName(string q) => OpQstr(-1, Op.StoreName, q);

    public void StoreGlobal(string q) => OpQstr(-1, Op.StoreGlobal, q);

    public void DeleteName(string q) => OpQstr(0, Op.DeleteName, q);

    public void DeleteGlobal(string q) => OpQstr(0, Op.DeleteGlobal, q);

    public void LoadAttr(string q) => OpQstr(0, Op.LoadAttr, q);

    public void LoadMethod(string q, bool isSuper) => OpQstr(isSuper ? -1 : 1, isSuper ? Op.LoadSuperMethod : Op.LoadMethod, q);

    public void LoadBuildClass() => Op0(1, Op.LoadBuildClass);

    public void LoadSubscr() => Op0(-1, Op.LoadSubscr);

    public void StoreAttr(string q) => OpQstr(-2, Op.StoreAttr, q);

    public void StoreSubscr() => Op0(-3, Op.StoreSubscr);

    public void DeleteAttr(string q)
    {
        LoadNull();
        RotTwo();
        StoreAttr(q);
    }

    public void DeleteSubscr()
    {
        LoadNull();
        RotThree();
        StoreSubscr();
    }

    public void DupTop() => Op0(1, Op.DupTop);

    public void DupTopTwo() => Op0(2, Op.DupTopTwo);

    public void PopTop() => Op0(-1, Op.PopTop);

    public void RotTwo() => Op0(0, Op.RotTwo);

    public void RotThree() => Op0(0, Op.RotThree);

    public void Jump(int label)
    {
        OpLabel(0, Op.Jump, label);
        Suppress = true;
    }

    public void PopJumpIf(bool cond, int label) => OpLabel(-1, cond ? Op.PopJumpIfTrue : Op.PopJumpIfFalse, label);

    public void JumpIfOrPop(bool cond, int label) => OpLabel(-1, cond ? Op.JumpIfTrueOrPop : Op.JumpIfFalseOrPop, label);

    public void UnwindJump(int label, int exceptDepth, bool breakFromFor)
    {
        if (exceptDepth == 0)
        {
            if (breakFromFor)
            {
                for (int i = 0; i < 4; i++)
                {
                    Byte(Op.PopTop);
                }
            }
            OpLabel(0, Op.Jump, label);
        }
        else
        {
            OpLabel(0, Op.UnwindJump, label);
            Byte((byte)((breakFromFor ? 0x80 : 0) | exceptDepth));
        }
        Suppress = true;
    }

    public void SetupWith(int label) => OpLabel(2, Op.SetupWith, label);

    public void SetupExcept(int label) => OpLabel(0, Op.SetupExcept, label);

    public void SetupFinally(int label) => OpLabel(0, Op.SetupFinally, label);

    public void WithCleanup(int label)
    {
        LoadConstNone();
        LabelAssign(label);
        AdjustStack(2);
        Op0(0, Op.WithCleanup);
        AdjustStack(-4);
    }

    public void EndFinally() => Op0(-1, Op.EndFinally);

    public void GetIter(bool useStack) => Op0(useStack ? 3 : 0, useStack ? Op.GetIterStack : Op.GetIter);

    public void ForIter(int label) => OpLabel(1, Op.ForIter, label);

    public void ForIterEnd() => AdjustStack(-4);

    public void PopExceptJump(int label)
    {
        OpLabel(0, Op.PopExceptJump, label);
        Suppress = true;
    }

    public void UnaryOp(UnaryOp op) => Op0(0, (byte)(Op.UnaryOpMulti + (byte)op));

    public void BinaryOp(BinaryOp op, bool invert = false)
    {
        Op0(-1, (byte)(Op.BinaryOpMulti + (byte)op));
        if (invert)
        {
            Op0(0, Op.UnaryOpMulti + (byte)Mpy.UnaryOp.Not);
        }
    }

    public void BuildTuple(int n) => OpUint(1 - n, Op.BuildTuple, (ulong)n);

    public void BuildList(int n) => OpUint(1 - n, Op.BuildList, (ulong)n);

    public void BuildMap(int n) => OpUint(1, Op.BuildMap, (ulong)n);

    public void BuildSet(int n) => OpUint(1 - n, Op.BuildSet, (ulong)n);

    public void BuildSlice(int n) => OpUint(1 - n, Op.BuildSlice, (ulong)n);

    public void StoreMap() => Op0(-2, Op.StoreMap);

    /// <summary>STORE_COMP; kind 0 list, 1 dict, 2 set.</summary>
    public void StoreComp(int kind, int collectionIndex)
    {
        int n = kind == 1 ? collectionIndex + 1 : collectionIndex;
        OpUint(kind == 1 ? -2 : -1, Op.StoreComp, (ulong)((n << 2) | kind));
    }

    public void UnpackSequence(int n) => OpUint(n - 1, Op.UnpackSequence, (ulong)n);

    public void UnpackEx(int left, int right) => OpUint(left + right, Op.UnpackEx, (ulong)(left | (right << 8)));

    public void MakeFunction(Scope child, bool defaults)
    {
        int idx = Children.Count;
        Children.Add(child);
        if (defaults)
        {
            OpUint(-1, Op.MakeFunctionDefargs, (ulong)idx);
        }
        else
        {
            OpUint(1, Op.MakeFunction, (ulong)idx);
        }
    }

    public void MakeClosure(Scope child, bool defaults, int nClosed)
    {
        int idx = Children.Count;
        Children.Add(child);
        if (defaults)
        {
            OpUint(-2 - nClosed + 1, Op.MakeClosureDefargs, (ulong)idx);
        }
        else
        {
            OpUint(-nClosed + 1, Op.MakeClosure, (ulong)idx);
        }
        Byte((byte)nClosed);
    }

    public void CallFunction(int nPos, int nKw, bool star) =>
        OpUint(-(nPos + (2 * nKw) + (star ? 1 : 0)), star ? Op.CallFunctionVarKw : Op.CallFunction, (ulong)((nKw << 8) | nPos));

    public void CallMethod(int nPos, int nKw, bool star) =>
        OpUint(-1 - (nPos + (2 * nKw) + (star ? 1 : 0)), star ? Op.CallMethodVarKw : Op.CallMethod, (ulong)((nKw << 8) | nPos));

    public void ReturnValue()
    {
        Op0(-1, Op.ReturnValue);
        Suppress = true;
        LastWasReturn = true;
    }

    /// <summary>RAISE_LAST (0), RAISE_OBJ (1) or RAISE_FROM (2).</summary>
    public void Raise(int n)
    {
        Op0(-n, (byte)(Op.RaiseLast + n));
        Suppress = true;
    }

    public void YieldValue()
    {
        _scope.Flags |= Scope.FlagGenerator;
        Op0(0, Op.YieldValue);
    }

    public void YieldFrom()
    {
        _scope.Flags |= Scope.FlagGenerator;
        Op0(-1, Op.YieldFrom);
    }

    public void StartExceptHandler() => AdjustStack(4);

    public void EndExceptHandler() => AdjustStack(-3);

    public void ImportName(string q) => OpQstr(-1, Op.ImportName, q);

    public void ImportFrom(string q) => OpQstr(1, Op.ImportFrom, q);

    public void ImportStar() => Op0(-1, Op.ImportStar);

    public static bool FitsSmallInt(BigInteger v, int bits)
    {
        var lim = BigInteger.One << (bits - 1);
        return v >= -lim && v < lim;
    }
}
