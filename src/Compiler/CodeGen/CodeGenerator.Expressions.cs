using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class CodeGenerator
{
    private void CompileExpression(ParseNode pns)
    {
        switch (pns.Rule)
        {
            case RuleId.namedexpr_test: CompileNamedExpr(pns[0]!, pns[1]); break;
            case RuleId.test_if_expr:
            {
                var ifElse = pns[1]!;
                int lFail = NewLabel(), lEnd = NewLabel();
                CompileCondition(ifElse[0], false, lFail);
                CompileNode(pns[0]);
                _emit.Jump(lEnd);
                _emit.LabelAssign(lFail);
                _emit.AdjustStack(-1);
                CompileNode(ifElse[1]);
                _emit.LabelAssign(lEnd);
                break;
            }
            case RuleId.lambdef or RuleId.lambdef_nocond:
            {
                var s = ScopeFor(pns, ScopeKind.Lambda, "<lambda>");
                CompileFuncdefLambdef(s, pns[0], RuleId.varargslist);
                break;
            }
            case RuleId.or_test or RuleId.and_test:
            {
                bool cond = pns.Rule == RuleId.or_test;
                int lEnd = NewLabel();
                for (int i = 0; i < pns.Count; i++)
                {
                    CompileNode(pns[i]);
                    if (i + 1 < pns.Count)
                    {
                        _emit.JumpIfOrPop(cond, lEnd);
                    }
                }
                _emit.LabelAssign(lEnd);
                break;
            }
            case RuleId.not_test_2:
                CompileNode(pns[0]);
                _emit.UnaryOp(UnaryOp.Not);
                break;
            case RuleId.comparison: CompileComparison(pns); break;
            case RuleId.star_expr: throw Error(pns, "*x must be assignment target");
            case RuleId.expr or RuleId.xor_expr or RuleId.and_expr:
            {
                var op = BinaryOp.Or + (pns.Rule - RuleId.expr);
                CompileNode(pns[0]);
                for (int i = 1; i < pns.Count; i++)
                {
                    CompileNode(pns[i]);
                    _emit.BinaryOp(op);
                }
                break;
            }
            case RuleId.shift_expr or RuleId.arith_expr or RuleId.term:
                CompileNode(pns[0]);
                for (int i = 1; i + 1 < pns.Count; i += 2)
                {
                    CompileNode(pns[i + 1]);
                    _emit.BinaryOp(BinaryOp.Lshift + (pns[i]!.Token - TokenKind.OpDblLess));
                }
                break;
            case RuleId.factor_2:
            {
                CompileNode(pns[1]);
                var tok = pns[0]!.Token;
                _emit.UnaryOp(tok == TokenKind.OpTilde ? UnaryOp.Invert : UnaryOp.Positive + (tok - TokenKind.OpPlus));
                break;
            }
            case RuleId.power:
                CompileAll(pns);
                _emit.BinaryOp(BinaryOp.Power);
                break;
            case RuleId.atom_expr_await:
                if (_cur.Kind is not (ScopeKind.Function or ScopeKind.Lambda))
                {
                    throw Error(pns, "'await' outside function");
                }
                CompileAtomExpr(pns);
                AwaitTop();
                break;
            case RuleId.atom_expr_normal: CompileAtomExpr(pns); break;
            case RuleId.atom_paren:
                if (pns[0] is null)
                {
                    _emit.BuildTuple(0);
                }
                else if (HasCompFor(pns[0]!))
                {
                    CompileComprehension(pns[0]!, ScopeKind.GenExpr);
                }
                else
                {
                    CompileAll(pns[0]!);
                    _emit.BuildTuple(pns[0]!.Count);
                }
                break;
            case RuleId.atom_bracket: CompileAtomBracket(pns); break;
            case RuleId.atom_brace: CompileAtomBrace(pns); break;
            case RuleId.trailer_paren: CompileCallArgs(pns[0], false, 0); break;
            case RuleId.trailer_bracket:
                CompileNode(pns[0]);
                _emit.LoadSubscr();
                break;
            case RuleId.trailer_period: _emit.LoadAttr(pns[0]!.Text); break;
            case RuleId.subscript_2 or RuleId.subscript_3: CompileSubscript(pns); break;
            case RuleId.dictorsetmaker_item:
                CompileNode(pns[1]);
                CompileNode(pns[0]);
                break;
            case RuleId.yield_expr: CompileYield(pns); break;
            default:
                throw Error(pns, "invalid syntax");
        }
    }

    private static bool HasCompFor(ParseNode tc) => tc.Count == 2 && tc[1] is { } c && c.IsStructOf(RuleId.comp_for);

    private void CompileNamedExpr(ParseNode name, ParseNode? value)
    {
        if (name.Kind != NodeKind.Id)
        {
            throw Error(name, "can't assign to expression");
        }
        CompileNode(value);
        _emit.DupTop();
        string target = name.Text;
        if (_pass == Pass.Scope && _cur.IsComprehension)
        {
            var parentId = ScopeAnalysis.RecordStore(_cur.Parent!, target);
            if (parentId.Kind == IdKind.GlobalExplicit)
            {
                _cur.FindOrAdd(target, IdKind.GlobalExplicit);
            }
            else
            {
                var id = _cur.FindOrAdd(target, IdKind.Undecided);
                bool isGlobal = _cur.Parent!.Parent is null;
                if (!isGlobal && id.Kind == IdKind.GlobalImplicit)
                {
                    id.Kind = IdKind.Undecided;
                }
                if (isGlobal)
                {
                    DeclareGlobal(name, id);
                }
                else
                {
                    DeclareNonlocal(name, id);
                }
            }
        }
        StoreId(target);
    }

    private void CompileComparison(ParseNode pns)
    {
        int n = pns.Count;
        CompileNode(pns[0]);
        bool multi = n > 3;
        int lFail = multi ? NewLabel() : 0;
        for (int i = 1; i + 1 < n; i += 2)
        {
            CompileNode(pns[i + 1]);
            if (i + 2 < n)
            {
                _emit.DupTop();
                _emit.RotThree();
            }
            var opNode = pns[i]!;
            if (opNode.Kind == NodeKind.Token)
            {
                _emit.BinaryOp(opNode.Token == TokenKind.KwIn ? BinaryOp.In : BinaryOp.Less + (opNode.Token - TokenKind.OpLess));
            }
            else if (opNode.Rule == RuleId.comp_op_not_in)
            {
                _emit.BinaryOp(BinaryOp.In, invert: true);
            }
            else
            {
                _emit.BinaryOp(BinaryOp.Is, invert: opNode[0] is not null);
            }
            if (i + 2 < n)
            {
                _emit.JumpIfOrPop(false, lFail);
            }
        }
        if (multi)
        {
            int lEnd = NewLabel();
            _emit.Jump(lEnd);
            _emit.LabelAssign(lFail);
            _emit.AdjustStack(1);
            _emit.RotTwo();
            _emit.PopTop();
            _emit.LabelAssign(lEnd);
        }
    }

    private void CompileAtomBracket(ParseNode pns)
    {
        var c = pns[0];
        if (c is null)
        {
            _emit.BuildList(0);
        }
        else if (c.IsStructOf(RuleId.testlist_comp))
        {
            if (HasCompFor(c))
            {
                CompileComprehension(c, ScopeKind.ListComp);
            }
            else
            {
                CompileAll(c);
                _emit.BuildList(c.Count);
            }
        }
        else
        {
            CompileNode(c);
            _emit.BuildList(1);
        }
    }

    private void CompileAtomBrace(ParseNode pns)
    {
        var pn = pns[0];
        if (pn is null)
        {
            _emit.BuildMap(0);
            return;
        }
        if (pn.IsStructOf(RuleId.dictorsetmaker_item))
        {
            _emit.BuildMap(1);
            CompileNode(pn);
            _emit.StoreMap();
            return;
        }
        if (!pn.IsStructOf(RuleId.dictorsetmaker))
        {
            CompileNode(pn);
            _emit.BuildSet(1);
            return;
        }
        var tail = pn[1]!;
        if (tail.IsStructOf(RuleId.comp_for))
        {
            bool dict = pn[0] is { } f && f.IsStructOf(RuleId.dictorsetmaker_item);
            CompileComprehension(pn, dict ? ScopeKind.DictComp : ScopeKind.SetComp);
            return;
        }
        var rest = ExtractList(tail[0], RuleId.dictorsetmaker_list2);
        bool isDict = pn[0] is { } first && first.IsStructOf(RuleId.dictorsetmaker_item);
        if (isDict)
        {
            _emit.BuildMap(1 + rest.Length);
            CompileNode(pn[0]);
            _emit.StoreMap();
        }
        else
        {
            CompileNode(pn[0]);
        }
        foreach (var item in rest)
        {
            bool kv = item is { } it && it.IsStructOf(RuleId.dictorsetmaker_item);
            CompileNode(item);
            if (isDict)
            {
                if (!kv)
                {
                    throw Error(pn, "expecting key:value for dict");
                }
                _emit.StoreMap();
            }
            else if (kv)
            {
                throw Error(pn, "expecting just a value for set");
            }
        }
        if (!isDict)
        {
            _emit.BuildSet(1 + rest.Length);
        }
    }

    private void CompileSubscript(ParseNode pns)
    {
        if (pns.Rule == RuleId.subscript_2)
        {
            CompileNode(pns[0]);
            pns = pns[1]!;
        }
        else
        {
            _emit.LoadConstNone();
        }
        var pn = pns[0];
        if (pn is null)
        {
            _emit.LoadConstNone();
            _emit.BuildSlice(2);
        }
        else if (pn.IsStructOf(RuleId.subscript_3c))
        {
            _emit.LoadConstNone();
            if (pn[0] is null)
            {
                _emit.BuildSlice(2);
            }
            else
            {
                CompileNode(pn[0]);
                _emit.BuildSlice(3);
            }
        }
        else if (pn.IsStructOf(RuleId.subscript_3d))
        {
            CompileNode(pn[0]);
            var sliceop = pn[1]!;
            if (sliceop[0] is null)
            {
                _emit.BuildSlice(2);
            }
            else
            {
                CompileNode(sliceop[0]);
                _emit.BuildSlice(3);
            }
        }
        else
        {
            CompileNode(pn);
            _emit.BuildSlice(2);
        }
    }

    private void CompileYield(ParseNode pns)
    {
        if (_cur.Kind is not (ScopeKind.Function or ScopeKind.Lambda))
        {
            throw Error(pns, "'yield' outside function");
        }
        var a = pns[0];
        if (a is null)
        {
            _emit.LoadConstNone();
            _emit.YieldValue();
        }
        else if (a.IsStructOf(RuleId.yield_arg_from))
        {
            CompileNode(a[0]);
            AwaitTop();
        }
        else
        {
            CompileNode(a);
            _emit.YieldValue();
        }
    }
}
