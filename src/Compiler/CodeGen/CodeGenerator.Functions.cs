using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

internal sealed partial class CodeGenerator
{
    private static readonly string[] NativeDecorators = ["native", "viper", "asm_thumb", "asm_xtensa", "asm_rv32"];

    private Scope ScopeFor(ParseNode pn, ScopeKind kind, string name, string? emitOption = null)
    {
        if (_pass == Pass.Scope)
        {
            var s = new Scope(kind, _cur, pn, name) { EmitterOption = emitOption ?? _cur.EmitterOption };
            _scopes.Add(s);
            _scopeOf[pn] = s;
        }
        return _scopeOf[pn];
    }

    private string CompileFuncdefHelper(ParseNode pns, string? emitOption = null)
    {
        var s = ScopeFor(pns, ScopeKind.Function, pns[0]!.Text, emitOption);
        CompileFuncdefLambdef(s, pns[1], RuleId.typedargslist);
        return s.SimpleName;
    }

    private string CompileClassdefHelper(ParseNode pns, string? emitOption)
    {
        var s = ScopeFor(pns, ScopeKind.Class, pns[0]!.Text, emitOption);
        _emit.LoadBuildClass();
        CloseOver(s, 0, 0);
        _emit.LoadConstStr(s.SimpleName);
        var parents = pns[1];
        if (parents is not null && parents.IsStructOf(RuleId.classdef_2))
        {
            parents = null;
        }
        CompileCallArgs(parents, false, 2);
        return s.SimpleName;
    }

    private void CompileFuncdefLambdef(Scope scope, ParseNode? parameters, RuleId listKind)
    {
        var saved = (_haveStar, _numDictParams, _numDefaultParams);
        _haveStar = false;
        _numDictParams = 0;
        _numDefaultParams = 0;
        foreach (var p in ExtractList(parameters, listKind))
        {
            DefaultParam(p!);
        }
        if (_numDefaultParams > 0 && _numDictParams == 0)
        {
            _emit.BuildTuple(_numDefaultParams);
            _emit.LoadNull();
        }
        CloseOver(scope, _numDefaultParams, _numDictParams);
        (_haveStar, _numDictParams, _numDefaultParams) = saved;
    }

    private void DefaultParam(ParseNode pn)
    {
        if (pn.IsStructOf(RuleId.typedargslist_star) || pn.IsStructOf(RuleId.varargslist_star))
        {
            _haveStar = true;
            return;
        }
        if (pn.IsStructOf(RuleId.typedargslist_dbl_star) || pn.IsStructOf(RuleId.varargslist_dbl_star))
        {
            return;
        }
        ParseNode id;
        ParseNode? equal = null;
        if (pn.Kind == NodeKind.Id)
        {
            id = pn;
        }
        else if (pn.IsStructOf(RuleId.typedargslist_name))
        {
            id = pn[0]!;
            equal = pn[2];
        }
        else
        {
            id = pn[0]!;
            equal = pn[1];
        }
        if (equal is null)
        {
            if (!_haveStar && _numDefaultParams != 0)
            {
                throw Error(pn, "non-default argument follows default argument");
            }
            return;
        }
        if (_haveStar)
        {
            _numDictParams++;
            if (_numDictParams == 1)
            {
                if (_numDefaultParams > 0)
                {
                    _emit.BuildTuple(_numDefaultParams);
                }
                else
                {
                    _emit.LoadNull();
                }
                _emit.BuildMap(0);
            }
            CompileNode(equal);
            _emit.LoadConstStr(id.Text);
            _emit.StoreMap();
        }
        else
        {
            _numDefaultParams++;
            CompileNode(equal);
        }
    }

    private void CloseOver(Scope scope, int nPosDefaults, int nKwDefaults)
    {
        if (nKwDefaults > 0)
        {
            scope.Flags |= Scope.FlagDefKwArgs;
        }
        scope.NumDefPosArgs = nPosDefaults;
        int nFree = 0;
        if (_cur.Kind != ScopeKind.Module)
        {
            foreach (var id in _cur.Ids)
            {
                if (id.Kind is not (IdKind.Cell or IdKind.Free))
                {
                    continue;
                }
                foreach (var id2 in scope.Ids)
                {
                    if (id2.Kind == IdKind.Free && id2.Name == id.Name)
                    {
                        _emit.LoadFast(id.LocalNum);
                        nFree++;
                    }
                }
            }
        }
        bool defaults = nPosDefaults > 0 || nKwDefaults > 0;
        if (nFree == 0)
        {
            _emit.MakeFunction(scope, defaults);
        }
        else
        {
            _emit.MakeClosure(scope, defaults, nFree);
        }
    }

    private void CompileDecorated(ParseNode pns)
    {
        var decorators = ExtractList(pns[0], RuleId.decorators);
        string? emitOption = _cur.EmitterOption;
        int builtIns = 0;
        foreach (var d in decorators)
        {
            var names = ExtractList(d![0], RuleId.dotted_name);
            if (names[0]!.IsId("micropython"))
            {
                if (names.Length != 2)
                {
                    throw Error(d, "invalid micropython decorator");
                }
                string attr = names[1]!.Text;
                if (attr == "bytecode")
                {
                    emitOption = null;
                }
                else if (NativeDecorators.Contains(attr))
                {
                    // The reference rejects these without -march; this compiler has no native emitters at all.
                    var body0 = pns[1]!.IsStructOf(RuleId.async_funcdef) ? pns[1]![0]! : pns[1]!;
                    throw new CompileErrorException("SyntaxError", _archSelected ? "native code is not supported by mpyd-native" : "invalid arch", 0)
                    {
                        Note = $"'{body0[0]!.Text}' is decorated with @micropython.{attr}; mpyd-native compiles bytecode only (use mpy-cross with -march=ARCH for native code)",
                        NeedsNativeEmitter = true,
                    };
                }
                else
                {
                    throw Error(d, "invalid micropython decorator");
                }
                builtIns++;
                continue;
            }
            CompileNode(names[0]);
            for (int j = 1; j < names.Length; j++)
            {
                _emit.LoadAttr(names[j]!.Text);
            }
            if (d[1] is not null)
            {
                CompileNode(d[1]);
            }
        }
        var body = pns[1]!;
        string name;
        if (body.IsStructOf(RuleId.funcdef))
        {
            name = CompileFuncdefHelper(body, emitOption);
        }
        else if (body.IsStructOf(RuleId.async_funcdef))
        {
            var f = body[0]!;
            name = CompileFuncdefHelper(f, emitOption);
            _scopeOf[f].Flags |= Scope.FlagGenerator;
        }
        else
        {
            name = CompileClassdefHelper(body, emitOption);
        }
        for (int i = 0; i < decorators.Length - builtIns; i++)
        {
            _emit.CallFunction(1, 0, false);
        }
        StoreId(name);
    }

    private void CompileAtomExpr(ParseNode pns)
    {
        CompileNode(pns[0]);
        if (pns[1] is null)
        {
            return;
        }
        var trailers = pns[1]!.IsStructOf(RuleId.atom_expr_trailers) ? pns[1]!.Children : [pns[1]];
        int i = 0;
        if (_cur.Kind == ScopeKind.Function && pns[0]!.IsId("super") && trailers[0]!.IsStructOf(RuleId.trailer_paren)
            && trailers[0]![0] is null)
        {
            LoadId("__class__");
            var self = _cur.Ids.FirstOrDefault(id => (id.Flags & IdFlags.Param) != 0)
                ?? throw Error(trailers[0], "super() can't find self");
            LoadId(self.Name);
            if (trailers.Length >= 3 && trailers[1]!.IsStructOf(RuleId.trailer_period) && trailers[2]!.IsStructOf(RuleId.trailer_paren))
            {
                _emit.LoadMethod(trailers[1]![0]!.Text, true);
                CompileCallArgs(trailers[2]![0], true, 0);
                i = 3;
            }
            else
            {
                _emit.CallFunction(2, 0, false);
                i = 1;
            }
        }
        for (; i < trailers.Length; i++)
        {
            if (i + 1 < trailers.Length && trailers[i]!.IsStructOf(RuleId.trailer_period) && trailers[i + 1]!.IsStructOf(RuleId.trailer_paren))
            {
                _emit.LoadMethod(trailers[i]![0]!.Text, false);
                CompileCallArgs(trailers[i + 1]![0], true, 0);
                i++;
            }
            else
            {
                CompileNode(trailers[i]);
            }
        }
    }

    private void CompileCallArgs(ParseNode? argList, bool isMethod, int nPositionalExtra)
    {
        var args = ExtractList(argList, RuleId.arglist);
        int nPos = nPositionalExtra, nKw = 0;
        bool star = false, dblStar = false;
        long starArgs = 0;
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i]!;
            if (a.IsStructOf(RuleId.arglist_star))
            {
                if (dblStar)
                {
                    throw Error(a, "* arg after **");
                }
                if (i >= _smallIntBits - 1)
                {
                    throw Error(a, "too many args");
                }
                star = true;
                starArgs |= 1L << i;
                CompileNode(a[0]);
                nPos++;
            }
            else if (a.IsStructOf(RuleId.arglist_dbl_star))
            {
                dblStar = true;
                _emit.LoadNull();
                CompileNode(a[0]);
                nKw++;
            }
            else if (a.IsStructOf(RuleId.argument))
            {
                if (a[1] is { } a1 && a1.IsStructOf(RuleId.argument_3))
                {
                    CompileNamedExpr(a[0]!, a1[0]);
                    nPos++;
                }
                else if (a[1] is { } cf && cf.IsStructOf(RuleId.comp_for))
                {
                    CompileComprehension(a, ScopeKind.GenExpr);
                    nPos++;
                }
                else
                {
                    if (a[0]!.Kind != NodeKind.Id)
                    {
                        throw Error(a, "LHS of keyword arg must be an id");
                    }
                    _emit.LoadConstStr(a[0]!.Text);
                    CompileNode(a[1]);
                    nKw++;
                }
            }
            else
            {
                if (dblStar)
                {
                    throw Error(a, "positional arg after **");
                }
                if (nKw > 0)
                {
                    throw Error(a, "positional arg after keyword arg");
                }
                CompileNode(a);
                nPos++;
            }
        }
        bool anyStar = star || dblStar;
        if (anyStar)
        {
            _emit.LoadConstSmallInt(starArgs);
        }
        if (isMethod)
        {
            _emit.CallMethod(nPos, nKw, anyStar);
        }
        else
        {
            _emit.CallFunction(nPos, nKw, anyStar);
        }
    }

    private static string ComprehensionName(ScopeKind kind) => kind switch
    {
        ScopeKind.ListComp => "<listcomp>",
        ScopeKind.DictComp => "<dictcomp>",
        ScopeKind.SetComp => "<setcomp>",
        _ => "<genexpr>",
    };

    private void CompileComprehension(ParseNode pns, ScopeKind kind)
    {
        var s = ScopeFor(pns, kind, ComprehensionName(kind));
        CloseOver(s, 0, 0);
        CompileNode(pns[1]![1]);
        if (kind == ScopeKind.GenExpr)
        {
            _emit.GetIter(false);
        }
        _emit.CallFunction(1, 0, false);
    }

    private void CompileComprehensionScope(Scope scope, ParseNode pns)
    {
        if (_pass == Pass.Scope)
        {
            scope.FindOrAdd(string.Empty, IdKind.Local);
            scope.NumPosArgs = 1;
        }
        _emit.SetSourceLine(pns.Line);
        switch (scope.Kind)
        {
            case ScopeKind.ListComp: _emit.BuildList(0); break;
            case ScopeKind.DictComp: _emit.BuildMap(0); break;
            case ScopeKind.SetComp: _emit.BuildSet(0); break;
        }
        if (scope.Kind == ScopeKind.GenExpr)
        {
            _emit.LoadNull();
            LoadId(string.Empty);
            _emit.LoadNull();
            _emit.LoadNull();
        }
        else
        {
            LoadId(string.Empty);
            _emit.GetIter(true);
        }
        CompileCompIter(pns[1]!, pns[0], 0);
        if (scope.Kind == ScopeKind.GenExpr)
        {
            _emit.LoadConstNone();
        }
        _emit.ReturnValue();
    }

    private void CompileCompIter(ParseNode compFor, ParseNode? inner, int depth)
    {
        int lTop = NewLabel(), lEnd = NewLabel();
        _emit.LabelAssign(lTop);
        _emit.ForIter(lEnd);
        Assign(compFor[0]!, AssignKind.Store);
        var it = compFor[2];
        while (true)
        {
            if (it is null)
            {
                CompileNode(inner);
                if (_cur.Kind == ScopeKind.GenExpr)
                {
                    _emit.YieldValue();
                    _emit.PopTop();
                }
                else
                {
                    int kind = _cur.Kind == ScopeKind.ListComp ? 0 : _cur.Kind == ScopeKind.DictComp ? 1 : 2;
                    _emit.StoreComp(kind, (4 * depth) + 5);
                }
                break;
            }
            if (it.IsStructOf(RuleId.comp_if))
            {
                CompileCondition(it[0], false, lTop);
                it = it[1];
                continue;
            }
            CompileNode(it[1]);
            _emit.GetIter(true);
            CompileCompIter(it, inner, depth + 1);
            break;
        }
        _emit.Jump(lTop);
        _emit.LabelAssign(lEnd);
        _emit.ForIterEnd();
    }
}
