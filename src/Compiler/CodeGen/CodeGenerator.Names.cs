using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class CodeGenerator
{
    private void LoadId(string name)
    {
        if (_pass == Pass.Scope)
        {
            ScopeAnalysis.RecordLoad(_cur, name);
            return;
        }
        var id = _cur.FindOrAdd(name, IdKind.GlobalImplicit);
        switch (id.Kind)
        {
            case IdKind.GlobalExplicit: _emit.LoadGlobal(name); break;
            case IdKind.Local: _emit.LoadFast(id.LocalNum); break;
            case IdKind.Cell or IdKind.Free: _emit.LoadDeref(id.LocalNum); break;
            default: _emit.LoadName(name); break;
        }
    }

    private void StoreId(string name)
    {
        if (_pass == Pass.Scope)
        {
            ScopeAnalysis.RecordStore(_cur, name);
            return;
        }
        var id = _cur.FindOrAdd(name, IdKind.GlobalImplicit);
        switch (id.Kind)
        {
            case IdKind.GlobalExplicit: _emit.StoreGlobal(name); break;
            case IdKind.Local: _emit.StoreFast(id.LocalNum); break;
            case IdKind.Cell or IdKind.Free: _emit.StoreDeref(id.LocalNum); break;
            default: _emit.StoreName(name); break;
        }
    }

    private void DeleteId(string name)
    {
        if (_pass == Pass.Scope)
        {
            ScopeAnalysis.RecordStore(_cur, name);
            return;
        }
        var id = _cur.FindOrAdd(name, IdKind.GlobalImplicit);
        switch (id.Kind)
        {
            case IdKind.GlobalExplicit: _emit.DeleteGlobal(name); break;
            case IdKind.Local: _emit.DeleteFast(id.LocalNum); break;
            case IdKind.Cell or IdKind.Free: _emit.DeleteDeref(id.LocalNum); break;
            default: _emit.DeleteName(name); break;
        }
    }

    private void CompileGlobalNonlocal(ParseNode pns)
    {
        if (_pass != Pass.Scope)
        {
            return;
        }
        bool isGlobal = pns.Rule == RuleId.global_stmt;
        if (!isGlobal && _cur.Kind == ScopeKind.Module)
        {
            throw Error(pns, "can't declare nonlocal in outer code");
        }
        foreach (var n in ExtractList(pns[0], RuleId.name_list))
        {
            var id = _cur.FindOrAdd(n!.Text, IdKind.Undecided);
            if (isGlobal)
            {
                DeclareGlobal(pns, id);
            }
            else
            {
                DeclareNonlocal(pns, id);
            }
        }
    }

    private void DeclareGlobal(ParseNode pn, IdInfo id)
    {
        if (id.Kind is not (IdKind.Undecided or IdKind.GlobalExplicit))
        {
            throw Error(pn, "identifier redefined as global");
        }
        id.Kind = IdKind.GlobalExplicit;
        var top = _cur;
        while (top.Parent is not null)
        {
            top = top.Parent;
        }
        if (top.Find(id.Name) is { } g)
        {
            g.Kind = IdKind.GlobalExplicit;
        }
    }

    private void DeclareNonlocal(ParseNode pn, IdInfo id)
    {
        if (id.Kind == IdKind.Undecided)
        {
            id.Kind = IdKind.GlobalImplicit;
            ScopeAnalysis.CheckToCloseOver(_cur, id);
            if (id.Kind == IdKind.GlobalImplicit)
            {
                throw Error(pn, "no binding for nonlocal found");
            }
        }
        else if (id.Kind != IdKind.Free)
        {
            throw Error(pn, "identifier redefined as nonlocal");
        }
    }
}
