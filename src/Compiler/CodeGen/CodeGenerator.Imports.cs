using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class CodeGenerator
{
    private void CompileRaise(ParseNode pns)
    {
        var a = pns[0];
        if (a is null)
        {
            _emit.Raise(0);
        }
        else if (a.IsStructOf(RuleId.raise_stmt_arg))
        {
            CompileNode(a[0]);
            CompileNode(a[1]);
            _emit.Raise(2);
        }
        else
        {
            CompileNode(a);
            _emit.Raise(1);
        }
    }

    private string ImportName(ParseNode? pn)
    {
        string? asName = null;
        if (pn is not null && pn.IsStructOf(RuleId.dotted_as_name))
        {
            asName = pn[1]!.Text;
            pn = pn[0];
        }
        if (pn is null)
        {
            _emit.ImportName(string.Empty);
            return string.Empty;
        }
        if (pn.Kind == NodeKind.Id)
        {
            _emit.ImportName(pn.Text);
            return asName ?? pn.Text;
        }
        string full = string.Join(".", pn.Children.Select(c => c!.Text));
        _emit.ImportName(full);
        if (asName is not null)
        {
            for (int i = 1; i < pn.Count; i++)
            {
                _emit.LoadAttr(pn[i]!.Text);
            }
        }
        return asName ?? pn[0]!.Text;
    }

    private void CompileImportFrom(ParseNode pns)
    {
        var src = pns[0];
        int level = 0;
        ParseNode? rel = null;
        if (src is not null && (src.Kind == NodeKind.Token || src.IsStructOf(RuleId.one_or_more_period_or_ellipsis)))
        {
            rel = src;
            src = null;
        }
        else if (src is not null && src.IsStructOf(RuleId.import_from_2b))
        {
            rel = src[0];
            src = src[1];
        }
        foreach (var d in ExtractList(rel, RuleId.one_or_more_period_or_ellipsis))
        {
            level += d!.IsToken(TokenKind.DelPeriod) ? 1 : 3;
        }
        if (pns[1]!.IsToken(TokenKind.OpStar))
        {
            if (_cur.Kind != ScopeKind.Module)
            {
                throw Error(pns, "import * not at module level");
            }
            _emit.LoadConstSmallInt(level);
            _emit.LoadConstStr("*");
            _emit.BuildTuple(1);
            ImportName(src);
            _emit.ImportStar();
            return;
        }
        _emit.LoadConstSmallInt(level);
        var names = ExtractList(pns[1], RuleId.import_as_names);
        foreach (var n in names)
        {
            _emit.LoadConstStr(n![0]!.Text);
        }
        _emit.BuildTuple(names.Length);
        ImportName(src);
        foreach (var n in names)
        {
            _emit.ImportFrom(n![0]!.Text);
            StoreId(n[1] is null ? n[0]!.Text : n[1]!.Text);
        }
        _emit.PopTop();
    }

    private void CompileAssert(ParseNode pns)
    {
        if (_optLevel != 0)
        {
            return;
        }
        int l = NewLabel();
        CompileCondition(pns[0], true, l);
        _emit.LoadGlobal("AssertionError");
        if (pns[1] is not null)
        {
            CompileNode(pns[1]);
            _emit.CallFunction(1, 0, false);
        }
        _emit.Raise(1);
        _emit.LabelAssign(l);
    }
}
