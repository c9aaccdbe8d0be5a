using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class CodeGenerator
{
    private void CompileCondition(ParseNode? pn, bool jumpIf, int label)
    {
        if (pn is not null && pn.IsConstFalse)
        {
            if (!jumpIf)
            {
                _emit.Jump(label);
            }
            return;
        }
        if (pn is not null && pn.IsConstTrue)
        {
            if (jumpIf)
            {
                _emit.Jump(label);
            }
            return;
        }
        if (pn is { IsStruct: true })
        {
            bool isOr = pn.Rule == RuleId.or_test, isAnd = pn.Rule == RuleId.and_test;
            if (isOr || isAnd)
            {
                int n = pn.Count;
                if (isOr != jumpIf)
                {
                    int l2 = NewLabel();
                    for (int i = 0; i < n - 1; i++)
                    {
                        CompileCondition(pn[i], !jumpIf, l2);
                    }
                    CompileCondition(pn[n - 1], jumpIf, label);
                    _emit.LabelAssign(l2);
                }
                else
                {
                    for (int i = 0; i < n; i++)
                    {
                        CompileCondition(pn[i], jumpIf, label);
                    }
                }
                return;
            }
            if (pn.Rule == RuleId.not_test_2)
            {
                CompileCondition(pn[0], !jumpIf, label);
                return;
            }
        }
        CompileNode(pn);
        _emit.PopJumpIf(jumpIf, label);
    }

    private void CompileIf(ParseNode pns)
    {
        int lEnd = NewLabel();
        if (!pns[0]!.IsConstFalse)
        {
            int lFail = NewLabel();
            CompileCondition(pns[0], false, lFail);
            CompileNode(pns[1]);
            if (pns[0]!.IsConstTrue)
            {
                _emit.LabelAssign(lEnd);
                return;
            }
            if (!(pns[2] is null && pns[3] is null))
            {
                _emit.Jump(lEnd);
            }
            _emit.LabelAssign(lFail);
        }
        foreach (var elif in ExtractList(pns[2], RuleId.if_stmt_elif_list))
        {
            if (elif![0]!.IsConstFalse)
            {
                continue;
            }
            int lFail = NewLabel();
            CompileCondition(elif[0], false, lFail);
            CompileNode(elif[1]);
            if (elif[0]!.IsConstTrue)
            {
                _emit.LabelAssign(lEnd);
                return;
            }
            _emit.Jump(lEnd);
            _emit.LabelAssign(lFail);
        }
        CompileNode(pns[3]);
        _emit.LabelAssign(lEnd);
    }

    private (int Break, int Continue, int Level, bool FromFor) StartLoop(int breakLabel, int continueLabel, bool fromFor)
    {
        var saved = (_breakLabel, _continueLabel, _breakContinueExceptLevel, _breakFromFor);
        _breakLabel = breakLabel;
        _continueLabel = continueLabel;
        _breakFromFor = fromFor;
        _breakContinueExceptLevel = _exceptLevel;
        return saved;
    }

    private void EndLoop((int Break, int Continue, int Level, bool FromFor) saved) =>
        (_breakLabel, _continueLabel, _breakContinueExceptLevel, _breakFromFor) = saved;

    private void CompileWhile(ParseNode pns)
    {
        int lBreak = NewLabel(), lCont = NewLabel();
        var saved = StartLoop(lBreak, lCont, false);
        if (!pns[0]!.IsConstFalse)
        {
            int lTop = NewLabel();
            if (!pns[0]!.IsConstTrue)
            {
                _emit.Jump(lCont);
            }
            _emit.LabelAssign(lTop);
            CompileNode(pns[1]);
            _emit.LabelAssign(lCont);
            CompileCondition(pns[0], true, lTop);
        }
        EndLoop(saved);
        CompileNode(pns[2]);
        _emit.LabelAssign(lBreak);
    }

    private void CompileFor(ParseNode pns)
    {
        if (TryCompileRangeFor(pns))
        {
            return;
        }
        int lBreak = NewLabel(), lCont = NewLabel();
        var saved = StartLoop(lBreak, lCont, true);
        int lPop = NewLabel();
        CompileNode(pns[1]);
        _emit.GetIter(true);
        _emit.LabelAssign(lCont);
        _emit.ForIter(lPop);
        Assign(pns[0]!, AssignKind.Store);
        CompileNode(pns[2]);
        _emit.Jump(lCont);
        _emit.LabelAssign(lPop);
        _emit.ForIterEnd();
        EndLoop(saved);
        CompileNode(pns[3]);
        _emit.LabelAssign(lBreak);
    }

    private bool TryCompileRangeFor(ParseNode pns)
    {
        if (pns[0] is not { Kind: NodeKind.Id } var || pns[1] is not { } it || !it.IsStructOf(RuleId.atom_expr_normal)
            || !it[0]!.IsId("range") || it[1] is not { } tp || !tp.IsStructOf(RuleId.trailer_paren) || tp[0] is null)
        {
            return false;
        }
        var args = ExtractList(tp[0], RuleId.arglist);
        if (args.Length < 1 || args.Length > 3)
        {
            return false;
        }
        foreach (var a in args)
        {
            if (a is { IsStruct: true } && (a.IsStructOf(RuleId.arglist_star) || a.IsStructOf(RuleId.arglist_dbl_star) || a.IsStructOf(RuleId.argument)))
            {
                return false;
            }
        }
        ParseNode pnStart, pnEnd;
        ParseNode pnStep = ParseNode.SmallInt(1);
        if (args.Length == 1)
        {
            pnStart = ParseNode.SmallInt(0);
            pnEnd = args[0]!;
        }
        else
        {
            pnStart = args[0]!;
            pnEnd = args[1]!;
            if (args.Length == 3)
            {
                pnStep = args[2]!;
                if (pnStep.Kind != NodeKind.SmallInt || pnStep.IntValue == 0)
                {
                    return false;
                }
            }
        }
        CompileRangeFor(pns, var, pnStart, pnEnd, pnStep.IntValue);
        return true;
    }

    private void CompileRangeFor(ParseNode pns, ParseNode var, ParseNode start, ParseNode end, long step)
    {
        int lBreak = NewLabel(), lCont = NewLabel();
        var saved = StartLoop(lBreak, lCont, false);
        int lTop = NewLabel(), lEntry = NewLabel();
        bool endOnStack = end.Kind != NodeKind.SmallInt;
        if (endOnStack)
        {
            CompileNode(end);
        }
        CompileNode(start);
        _emit.Jump(lEntry);
        _emit.LabelAssign(lTop);
        _emit.DupTop();
        Assign(var, AssignKind.Store);
        CompileNode(pns[2]);
        _emit.LabelAssign(lCont);
        _emit.LoadConstSmallInt(step);
        _emit.BinaryOp(BinaryOp.InplaceAdd);
        _emit.LabelAssign(lEntry);
        if (endOnStack)
        {
            _emit.DupTopTwo();
            _emit.RotTwo();
        }
        else
        {
            _emit.DupTop();
            _emit.LoadConstSmallInt(end.IntValue);
        }
        _emit.BinaryOp(step >= 0 ? BinaryOp.Less : BinaryOp.More);
        _emit.PopJumpIf(true, lTop);
        EndLoop(saved);
        int lEnd = -1;
        if (pns[3] is not null)
        {
            lEnd = NewLabel();
            _emit.PopTop();
            if (endOnStack)
            {
                _emit.PopTop();
            }
            CompileNode(pns[3]);
            _emit.Jump(lEnd);
            _emit.AdjustStack(endOnStack ? 2 : 1);
        }
        _emit.LabelAssign(lBreak);
        _emit.PopTop();
        if (endOnStack)
        {
            _emit.PopTop();
        }
        if (lEnd >= 0)
        {
            _emit.LabelAssign(lEnd);
        }
    }

    private void IncreaseExceptLevel()
    {
        _exceptLevel++;
        if (_exceptLevel > _cur.ExcStackSize)
        {
            _cur.ExcStackSize = _exceptLevel;
        }
    }

    private void DecreaseExceptLevel() => _exceptLevel--;
}
