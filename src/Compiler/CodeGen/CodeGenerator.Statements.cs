using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class CodeGenerator
{
    private void CompileStruct(ParseNode pns)
    {
        switch (pns.Rule)
        {
            case RuleId.file_input or RuleId.file_input_2 or RuleId.simple_stmt_2 or RuleId.suite_block_stmts or RuleId.pass_stmt:
                CompileAll(pns);
                break;
            case RuleId.decorated: CompileDecorated(pns); break;
            case RuleId.funcdef: StoreId(CompileFuncdefHelper(pns)); break;
            case RuleId.classdef: StoreId(CompileClassdefHelper(pns, null)); break;
            case RuleId.expr_stmt: CompileExprStmt(pns); break;
            case RuleId.testlist_star_expr or RuleId.testlist or RuleId.subscriptlist:
                CompileAll(pns);
                _emit.BuildTuple(pns.Count);
                break;
            case RuleId.del_stmt:
                foreach (var t in ExtractList(pns[0], RuleId.exprlist))
                {
                    CompileDel(t!);
                }
                break;
            case RuleId.break_stmt or RuleId.continue_stmt: CompileBreakContinue(pns); break;
            case RuleId.return_stmt: CompileReturn(pns); break;
            case RuleId.yield_stmt:
                CompileNode(pns[0]);
                _emit.PopTop();
                break;
            case RuleId.raise_stmt: CompileRaise(pns); break;
            case RuleId.import_name:
                foreach (var n in ExtractList(pns[0], RuleId.dotted_as_names))
                {
                    _emit.LoadConstSmallInt(0);
                    _emit.LoadConstNone();
                    StoreId(ImportName(n));
                }
                break;
            case RuleId.import_from: CompileImportFrom(pns); break;
            case RuleId.global_stmt or RuleId.nonlocal_stmt: CompileGlobalNonlocal(pns); break;
            case RuleId.assert_stmt: CompileAssert(pns); break;
            case RuleId.async_stmt: CompileAsyncStmt(pns); break;
            case RuleId.if_stmt: CompileIf(pns); break;
            case RuleId.while_stmt: CompileWhile(pns); break;
            case RuleId.for_stmt: CompileFor(pns); break;
            case RuleId.try_stmt: CompileTry(pns); break;
            case RuleId.with_stmt: CompileWith(pns); break;
            default: CompileExpression(pns); break;
        }
    }

    private void CompileExprStmt(ParseNode pns)
    {
        var rhs = pns[1];
        if (rhs is null)
        {
            var e = pns[0]!;
            if ((e.Kind != NodeKind.Id && !e.IsStruct) || e.Kind == NodeKind.ConstObject)
            {
                return;
            }
            CompileNode(e);
            _emit.PopTop();
            return;
        }
        if (rhs.IsStructOf(RuleId.annassign))
        {
            if (rhs[1] is null)
            {
                if (_cur.Kind == ScopeKind.Function && pns[0] is { Kind: NodeKind.Id } lhs)
                {
                    _cur.FindOrAdd(lhs.Text, IdKind.Local);
                }
                return;
            }
            PlainAssign(pns[0]!, rhs[1]!);
            return;
        }
        if (rhs.IsStructOf(RuleId.expr_stmt_augassign))
        {
            Assign(pns[0]!, AssignKind.AugLoad);
            CompileNode(rhs[1]);
            var tok = rhs[0]!.Token;
            _emit.BinaryOp(BinaryOp.InplaceOr + (tok - TokenKind.DelPipeEqual));
            Assign(pns[0]!, AssignKind.AugStore);
            return;
        }
        if (rhs.IsStructOf(RuleId.expr_stmt_assign_list))
        {
            int last = rhs.Count - 1;
            CompileNode(rhs[last]);
            if (last > 0)
            {
                _emit.DupTop();
            }
            Assign(pns[0]!, AssignKind.Store);
            for (int i = 0; i < last; i++)
            {
                if (i + 1 < last)
                {
                    _emit.DupTop();
                }
                Assign(rhs[i]!, AssignKind.Store);
            }
            return;
        }
        PlainAssign(pns[0]!, rhs);
    }

    private void PlainAssign(ParseNode lhs, ParseNode rhs)
    {
        if (rhs.IsStructOf(RuleId.testlist_star_expr) && lhs.IsStructOf(RuleId.testlist_star_expr))
        {
            int n = lhs.Count;
            if (n == rhs.Count && (n == 2 || n == 3) && !lhs.Children.Any(c => c is not null && c.IsStructOf(RuleId.star_expr)))
            {
                CompileNode(rhs[0]);
                CompileNode(rhs[1]);
                if (n == 3)
                {
                    CompileNode(rhs[2]);
                    _emit.RotThree();
                }
                _emit.RotTwo();
                for (int i = 0; i < n; i++)
                {
                    Assign(lhs[i]!, AssignKind.Store);
                }
                return;
            }
        }
        CompileNode(rhs);
        Assign(lhs, AssignKind.Store);
    }

    private enum AssignKind { Store, AugLoad, AugStore }

    private void Assign(ParseNode pn, AssignKind kind)
    {
        if (pn.Kind == NodeKind.Id)
        {
            if (kind == AssignKind.AugLoad)
            {
                LoadId(pn.Text);
            }
            else
            {
                StoreId(pn.Text);
            }
            return;
        }
        if (!pn.IsStruct)
        {
            throw Error(pn, "can't assign to expression");
        }
        switch (pn.Rule)
        {
            case RuleId.atom_expr_normal:
                AssignAtomExpr(pn, kind);
                return;
            case RuleId.testlist_star_expr or RuleId.exprlist:
                if (kind != AssignKind.Store)
                {
                    break;
                }
                AssignTuple(pn.Children);
                return;
            case RuleId.atom_paren:
                if (pn[0] is null || kind != AssignKind.Store)
                {
                    break;
                }
                AssignTestlistComp(pn, pn[0]!);
                return;
            case RuleId.atom_bracket:
                if (kind != AssignKind.Store)
                {
                    break;
                }
                if (pn[0] is null)
                {
                    AssignTuple([]);
                }
                else if (pn[0]!.IsStructOf(RuleId.testlist_comp))
                {
                    AssignTestlistComp(pn, pn[0]!);
                }
                else
                {
                    AssignTuple([pn[0]]);
                }
                return;
        }
        throw Error(pn, "can't assign to expression");
    }

    private void AssignTestlistComp(ParseNode outer, ParseNode tc)
    {
        if (tc.Count == 2 && tc[1] is { } c1 && c1.IsStructOf(RuleId.comp_for))
        {
            throw Error(outer, "can't assign to expression");
        }
        AssignTuple(tc.Children);
    }

    private void AssignTuple(ParseNode?[] items)
    {
        int star = -1;
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is { } it && it.IsStructOf(RuleId.star_expr))
            {
                if (star >= 0)
                {
                    throw Error(it, "multiple *x in assignment");
                }
                _emit.UnpackEx(i, items.Length - i - 1);
                star = i;
            }
        }
        if (star < 0)
        {
            _emit.UnpackSequence(items.Length);
        }
        for (int i = 0; i < items.Length; i++)
        {
            Assign(i == star ? items[i]![0]! : items[i]!, AssignKind.Store);
        }
    }

    private ParseNode? LastTrailerPrefix(ParseNode pns)
    {
        var t = pns[1];
        if (t is { } tt && tt.IsStructOf(RuleId.atom_expr_trailers))
        {
            for (int i = 0; i < tt.Count - 1; i++)
            {
                CompileNode(tt[i]);
            }
            return tt[tt.Count - 1];
        }
        return t;
    }

    private void AssignAtomExpr(ParseNode pns, AssignKind kind)
    {
        ParseNode? last;
        if (kind != AssignKind.AugStore)
        {
            CompileNode(pns[0]);
            last = LastTrailerPrefix(pns);
        }
        else
        {
            last = pns[1] is { } t && t.IsStructOf(RuleId.atom_expr_trailers) ? t[t.Count - 1] : pns[1];
        }
        if (last is not null && last.IsStructOf(RuleId.trailer_bracket))
        {
            if (kind == AssignKind.AugStore)
            {
                _emit.RotThree();
                _emit.StoreSubscr();
            }
            else
            {
                CompileNode(last[0]);
                if (kind == AssignKind.AugLoad)
                {
                    _emit.DupTopTwo();
                    _emit.LoadSubscr();
                }
                else
                {
                    _emit.StoreSubscr();
                }
            }
            return;
        }
        if (last is not null && last.IsStructOf(RuleId.trailer_period))
        {
            string attr = last[0]!.Text;
            if (kind == AssignKind.AugLoad)
            {
                _emit.DupTop();
                _emit.LoadAttr(attr);
            }
            else
            {
                if (kind == AssignKind.AugStore)
                {
                    _emit.RotTwo();
                }
                _emit.StoreAttr(attr);
            }
            return;
        }
        throw Error(pns, "can't assign to expression");
    }

    private void CompileDel(ParseNode pn)
    {
        if (pn.Kind == NodeKind.Id)
        {
            DeleteId(pn.Text);
            return;
        }
        if (pn.IsStructOf(RuleId.atom_expr_normal))
        {
            CompileNode(pn[0]);
            if (pn[1] is not null)
            {
                var last = LastTrailerPrefix(pn);
                if (last is not null && last.IsStructOf(RuleId.trailer_bracket))
                {
                    CompileNode(last[0]);
                    _emit.DeleteSubscr();
                    return;
                }
                if (last is not null && last.IsStructOf(RuleId.trailer_period))
                {
                    _emit.DeleteAttr(last[0]!.Text);
                    return;
                }
            }
            throw Error(pn, "can't delete expression");
        }
        if (pn.IsStructOf(RuleId.atom_paren) && pn[0] is { } tc)
        {
            if (tc.Count == 2 && tc[1] is { } c1 && c1.IsStructOf(RuleId.comp_for))
            {
                throw Error(tc, "can't delete expression");
            }
            foreach (var c in tc.Children)
            {
                CompileDel(c!);
            }
            return;
        }
        throw Error(pn is { IsStruct: true } && pn.IsStructOf(RuleId.atom_paren) ? pn[0] : pn, "can't delete expression");
    }

    private void CompileBreakContinue(ParseNode pns)
    {
        bool isBreak = pns.Rule == RuleId.break_stmt;
        int label = isBreak ? _breakLabel : _continueLabel;
        if (label < 0)
        {
            throw Error(pns, "'break'/'continue' outside loop");
        }
        _emit.UnwindJump(label, _exceptLevel - _breakContinueExceptLevel, isBreak && _breakFromFor);
    }

    private void CompileReturn(ParseNode pns)
    {
        if (_cur.Kind != ScopeKind.Function)
        {
            throw Error(pns, "'return' outside function");
        }
        var v = pns[0];
        if (v is null)
        {
            _emit.LoadConstNone();
        }
        else if (v.IsStructOf(RuleId.test_if_expr))
        {
            var ifElse = v[1]!;
            int l = NewLabel();
            CompileCondition(ifElse[0], false, l);
            CompileNode(v[0]);
            _emit.ReturnValue();
            _emit.LabelAssign(l);
            CompileNode(ifElse[1]);
        }
        else
        {
            CompileNode(v);
        }
        _emit.ReturnValue();
    }
}
