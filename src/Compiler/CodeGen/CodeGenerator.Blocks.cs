using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class CodeGenerator
{
    private enum SetupKind { With, Except, Finally }

    private void SetupBlock(int label, SetupKind kind)
    {
        switch (kind)
        {
            case SetupKind.With: _emit.SetupWith(label); break;
            case SetupKind.Except: _emit.SetupExcept(label); break;
            default: _emit.SetupFinally(label); break;
        }
        IncreaseExceptLevel();
    }

    private void CloseBlock()
    {
        _exceptLevel--;
        _emit.EndFinally();
    }

    private void CompileTry(ParseNode pns)
    {
        var t2 = pns[1]!;
        if (t2.IsStructOf(RuleId.try_stmt_finally))
        {
            CompileTryFinally(pns[0], [], null, t2[0]);
        }
        else if (t2.IsStructOf(RuleId.try_stmt_except_and_more))
        {
            var excepts = ExtractList(t2[0], RuleId.try_stmt_except_list);
            if (t2[2] is null)
            {
                CompileTryExcept(pns[0], excepts, t2[1]);
            }
            else
            {
                CompileTryFinally(pns[0], excepts, t2[1], t2[2]![0]);
            }
        }
        else
        {
            CompileTryExcept(pns[0], ExtractList(t2, RuleId.try_stmt_except_list), null);
        }
    }

    private void CompileTryExcept(ParseNode? body, ParseNode?[] excepts, ParseNode? elseBody)
    {
        int l1 = NewLabel();
        int success = NewLabel();
        SetupBlock(l1, SetupKind.Except);
        CompileNode(body);
        _emit.PopExceptJump(success);
        _emit.LabelAssign(l1);
        _emit.StartExceptHandler();
        int l2 = NewLabel();
        for (int i = 0; i < excepts.Length; i++)
        {
            var ex = excepts[i]!;
            string? local = null;
            int endFinally = NewLabel();
            if (ex[0] is null)
            {
                if (i + 1 != excepts.Length)
                {
                    throw Error(ex, "default 'except' must be last");
                }
            }
            else
            {
                var expr = ex[0];
                if (expr!.IsStructOf(RuleId.try_stmt_as_name))
                {
                    local = expr[1]!.Text;
                    expr = expr[0];
                }
                _emit.DupTop();
                CompileNode(expr);
                _emit.BinaryOp(BinaryOp.ExceptionMatch);
                _emit.PopJumpIf(false, endFinally);
            }
            if (local is null)
            {
                _emit.PopTop();
            }
            else
            {
                StoreId(local);
            }
            int l3 = 0;
            if (local is not null)
            {
                l3 = NewLabel();
                SetupBlock(l3, SetupKind.Finally);
            }
            CompileNode(ex[1]);
            if (local is not null)
            {
                _emit.LoadConstNone();
                _emit.LabelAssign(l3);
                _emit.AdjustStack(1);
                _emit.LoadConstNone();
                StoreId(local);
                DeleteId(local);
                _emit.AdjustStack(-1);
                CloseBlock();
            }
            _emit.PopExceptJump(l2);
            _emit.LabelAssign(endFinally);
            _emit.AdjustStack(1);
        }
        CloseBlock();
        _emit.EndExceptHandler();
        _emit.LabelAssign(success);
        CompileNode(elseBody);
        _emit.LabelAssign(l2);
    }

    private void CompileTryFinally(ParseNode? body, ParseNode?[] excepts, ParseNode? elseBody, ParseNode? finallyBody)
    {
        int lFinally = NewLabel();
        SetupBlock(lFinally, SetupKind.Finally);
        if (excepts.Length == 0)
        {
            _emit.AdjustStack(3);
            CompileNode(body);
            _emit.AdjustStack(-3);
        }
        else
        {
            CompileTryExcept(body, excepts, elseBody);
        }
        _emit.LoadConstNone();
        _emit.LabelAssign(lFinally);
        _emit.AdjustStack(1);
        CompileNode(finallyBody);
        _emit.AdjustStack(-1);
        CloseBlock();
    }

    private void CompileWith(ParseNode pns) => CompileWithItems(ExtractList(pns[0], RuleId.with_stmt_list), 0, pns[1]);

    private void CompileWithItems(ParseNode?[] items, int i, ParseNode? body)
    {
        if (i == items.Length)
        {
            CompileNode(body);
            return;
        }
        int lEnd = NewLabel();
        var item = items[i]!;
        if (item.IsStructOf(RuleId.with_item))
        {
            CompileNode(item[0]);
            SetupBlock(lEnd, SetupKind.With);
            Assign(item[1]!, AssignKind.Store);
        }
        else
        {
            CompileNode(item);
            SetupBlock(lEnd, SetupKind.With);
            _emit.PopTop();
        }
        CompileWithItems(items, i + 1, body);
        _emit.WithCleanup(lEnd);
        CloseBlock();
    }

    private void CompileAsyncStmt(ParseNode pns)
    {
        var inner = pns[0]!;
        if (inner.IsStructOf(RuleId.funcdef))
        {
            string name = CompileFuncdefHelper(inner);
            _scopeOf[inner].Flags |= Scope.FlagGenerator;
            StoreId(name);
            return;
        }
        if ((_cur.Flags & Scope.FlagGenerator) == 0)
        {
            throw Error(inner, "async for/with outside async function");
        }
        if (inner.IsStructOf(RuleId.for_stmt))
        {
            CompileAsyncFor(inner);
        }
        else
        {
            CompileAsyncWithItems(ExtractList(inner[0], RuleId.with_stmt_list), 0, inner[1]);
        }
    }

    private void AwaitTop()
    {
        _emit.GetIter(false);
        _emit.LoadConstNone();
        _emit.YieldFrom();
    }

    private void CompileAsyncFor(ParseNode pns)
    {
        int lBreak = NewLabel(), lCont = NewLabel();
        int lExc = NewLabel(), lTryElse = NewLabel(), lWhileElse = NewLabel(), lFin = NewLabel();
        CompileNode(pns[1]);
        _emit.LoadMethod("__aiter__", false);
        _emit.CallMethod(0, 0, false);
        var saved = StartLoop(lBreak, lCont, false);
        _emit.LabelAssign(lCont);
        SetupBlock(lExc, SetupKind.Except);
        _emit.DupTop();
        _emit.LoadMethod("__anext__", false);
        _emit.CallMethod(0, 0, false);
        AwaitTop();
        Assign(pns[0]!, AssignKind.Store);
        _emit.PopExceptJump(lTryElse);
        _emit.LabelAssign(lExc);
        _emit.StartExceptHandler();
        _emit.DupTop();
        _emit.LoadGlobal("StopAsyncIteration");
        _emit.BinaryOp(BinaryOp.ExceptionMatch);
        _emit.PopJumpIf(false, lFin);
        _emit.PopTop();
        _emit.PopExceptJump(lWhileElse);
        _emit.LabelAssign(lFin);
        _emit.AdjustStack(1);
        CloseBlock();
        _emit.EndExceptHandler();
        _emit.LabelAssign(lTryElse);
        CompileNode(pns[2]);
        _emit.Jump(lCont);
        EndLoop(saved);
        _emit.LabelAssign(lWhileElse);
        CompileNode(pns[3]);
        _emit.LabelAssign(lBreak);
        _emit.PopTop();
    }

    private void CompileAsyncWithItems(ParseNode?[] items, int i, ParseNode? body)
    {
        if (i == items.Length)
        {
            CompileNode(body);
            return;
        }
        int lFin = NewLabel(), lEnd = NewLabel(), lRet = NewLabel(), lNoExc = NewLabel();
        var item = items[i]!;
        bool hasAs = item.IsStructOf(RuleId.with_item);
        CompileNode(hasAs ? item[0] : item);
        _emit.DupTop();
        _emit.LoadMethod("__aenter__", false);
        _emit.CallMethod(0, 0, false);
        AwaitTop();
        if (hasAs)
        {
            Assign(item[1]!, AssignKind.Store);
        }
        else
        {
            _emit.PopTop();
        }
        SetupBlock(lFin, SetupKind.Finally);
        _emit.AdjustStack(3);
        CompileAsyncWithItems(items, i + 1, body);
        _emit.AdjustStack(-3);
        _emit.LoadConstNone();
        _emit.RotTwo();
        _emit.Jump(lNoExc);
        _emit.LabelAssign(lFin);
        _emit.DupTop();
        _emit.LoadGlobal("BaseException");
        _emit.BinaryOp(BinaryOp.ExceptionMatch);
        _emit.PopJumpIf(false, lRet);
        _emit.DupTop();
        _emit.RotThree();
        _emit.RotTwo();
        _emit.LoadMethod("__aexit__", false);
        _emit.RotThree();
        _emit.RotThree();
        _emit.DupTop();
        _emit.LoadAttr("__class__");
        _emit.RotTwo();
        _emit.LoadConstNone();
        _emit.CallMethod(3, 0, false);
        AwaitTop();
        _emit.PopJumpIf(false, lEnd);
        _emit.PopTop();
        _emit.LoadConstNone();
        _emit.Jump(lEnd);
        _emit.AdjustStack(2);
        _emit.LabelAssign(lRet);
        _emit.RotThree();
        _emit.RotThree();
        _emit.LabelAssign(lNoExc);
        _emit.LoadMethod("__aexit__", false);
        _emit.LoadConstNone();
        _emit.DupTop();
        _emit.DupTop();
        _emit.CallMethod(3, 0, false);
        AwaitTop();
        _emit.PopTop();
        _emit.AdjustStack(-1);
        _emit.LabelAssign(lEnd);
        CloseBlock();
    }
}
