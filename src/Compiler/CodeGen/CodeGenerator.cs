using Mpyd.Compiler.Binding;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.CodeGen;

/// <summary>Compiled form of one scope: prelude values, code-info pieces, bytecode and children.</summary>
internal sealed record RawCodeData(Scope Scope, int NameIndex, List<int> ArgNames, byte[] LineInfo, byte[] Cells, byte[] Bytecode, List<Scope> Children);

/// <summary>
/// Walks the syntax tree the way the reference compiler does: a scope pass for every scope (breadth first),
/// slot assignment, then stack-size, code-size and emit passes per scope (codegen spec 3).
/// </summary>
internal sealed partial class CodeGenerator
{
    private readonly BytecodeEmitter _emit;
    private readonly List<Scope> _scopes = [];
    private readonly Dictionary<ParseNode, Scope> _scopeOf = new(NodeIdentity.Instance);
    private readonly int _optLevel;
    private readonly int _smallIntBits;
    private Scope _cur = null!;
    private Pass _pass;
    private int _nextLabel;
    private int _exceptLevel;
    private int _breakLabel = -1, _continueLabel = -1, _breakContinueExceptLevel;
    private bool _breakFromFor;
    private bool _haveStar;
    private int _numDictParams, _numDefaultParams;

    private readonly bool _archSelected;

    public CodeGenerator(ModuleTables tables, int optimizationLevel, int smallIntBits, bool archSelected = false)
    {
        _archSelected = archSelected;
        _optLevel = optimizationLevel;
        _smallIntBits = smallIntBits;
        _emit = new BytecodeEmitter(tables, optimizationLevel);
        Tables = tables;
    }

    public ModuleTables Tables { get; }

    public Dictionary<Scope, RawCodeData> Output { get; } = [];

    public Scope Compile(ParseNode? root)
    {
        var module = new Scope(ScopeKind.Module, null, root, "<module>");
        _scopes.Add(module);
        for (int i = 0; i < _scopes.Count; i++)
        {
            var s = _scopes[i];
            RunPass(s, Pass.Scope);
            foreach (var id in s.Ids.ToArray())
            {
                if (id.Kind == IdKind.GlobalImplicit)
                {
                    ScopeAnalysis.CheckToCloseOver(s, id);
                }
            }
        }
        foreach (var s in _scopes)
        {
            ScopeAnalysis.ComputeSlots(s);
        }
        foreach (var s in _scopes)
        {
            RunPass(s, Pass.StackSize);
            RunPass(s, Pass.CodeSize);
            int lastCode = -1, lastInfo = -1;
            while (true)
            {
                RunPass(s, Pass.Emit);
                if (_emit.Code.Count == lastCode && _emit.LineInfo.Count == lastInfo)
                {
                    break;
                }
                lastCode = _emit.Code.Count;
                lastInfo = _emit.LineInfo.Count;
            }
            var cells = s.Ids.Where(id => id.Kind == IdKind.Cell).Select(id => (byte)id.LocalNum).ToArray();
            Output[s] = new RawCodeData(s, Tables.UseQstr(s.SimpleName), _emit.ArgNameIndices(), [.. _emit.LineInfo], cells, [.. _emit.Code], [.. _emit.Children]);
        }
        return module;
    }

    private void RunPass(Scope scope, Pass pass)
    {
        _pass = pass;
        _cur = scope;
        _nextLabel = 0;
        _emit.StartPass(pass, scope);
        if (pass == Pass.Scope)
        {
            scope.StackSize = 0;
            scope.ExcStackSize = 0;
        }
        try
        {
            CompileScopeBody(scope);
        }
        catch (CompileErrorException e) when (e.ScopeName is null && e.ExceptionType == "SyntaxError")
        {
            int line = e.Line != 0 ? e.Line : scope.Node is { IsInterior: true } n ? n.Line : 1;
            throw new CompileErrorException("SyntaxError", e.Message, line, scope.SimpleName) { Note = e.Note, NeedsNativeEmitter = e.NeedsNativeEmitter };
        }
    }

    private CompileErrorException Error(ParseNode? pn, string message) =>
        CompileErrorException.Syntax(message, pn is { IsInterior: true } ? pn.Line : 0);

    private int NewLabel() => _emit.NewLabel(_nextLabel++);

    /// <summary>Compiles children in order; an error without a line takes the failing child's line (the reference's generic walker).</summary>
    private void CompileAll(ParseNode pns)
    {
        foreach (var c in pns.Children)
        {
            try
            {
                CompileNode(c);
            }
            catch (CompileErrorException e) when (e.Line == 0 && e.ScopeName is null && c is { IsInterior: true })
            {
                throw new CompileErrorException("SyntaxError", e.Message, c.Line) { Note = e.Note, NeedsNativeEmitter = e.NeedsNativeEmitter };
            }
        }
    }

    private void CompileScopeBody(Scope scope)
    {
        var pn = scope.Node;
        switch (scope.Kind)
        {
            case ScopeKind.Module:
                CompileNode(pn);
                _emit.LoadConstNone();
                _emit.ReturnValue();
                break;
            case ScopeKind.Function:
                if (_pass == Pass.Scope)
                {
                    _haveStar = false;
                    foreach (var p in ExtractList(pn![1], RuleId.typedargslist))
                    {
                        ScopeParam(p!, RuleId.typedargslist_name, RuleId.typedargslist_star);
                    }
                }
                CompileNode(pn![3]);
                _emit.LoadConstNone();
                _emit.ReturnValue();
                break;
            case ScopeKind.Lambda:
                _emit.SetSourceLine(pn!.Line);
                if (_pass == Pass.Scope)
                {
                    _haveStar = false;
                    foreach (var p in ExtractList(pn[0], RuleId.varargslist))
                    {
                        ScopeParam(p!, RuleId.varargslist_name, RuleId.varargslist_star);
                    }
                }
                CompileNode(pn[1]);
                if ((scope.Flags & Scope.FlagGenerator) != 0)
                {
                    _emit.PopTop();
                    _emit.LoadConstNone();
                }
                _emit.ReturnValue();
                break;
            case ScopeKind.Class:
                if (_pass == Pass.Scope)
                {
                    scope.FindOrAdd("__class__", IdKind.Local);
                }
                LoadId("__name__");
                StoreId("__module__");
                _emit.LoadConstStr(pn![0]!.Text);
                StoreId("__qualname__");
                CompileNode(pn[2]);
                var cls = scope.Find("__class__")!;
                if (cls.Kind == IdKind.Local)
                {
                    _emit.LoadConstNone();
                }
                else
                {
                    _emit.LoadFast(cls.LocalNum);
                }
                _emit.ReturnValue();
                break;
            default:
                CompileComprehensionScope(scope, pn!);
                break;
        }
    }

    /// <summary>The items of a list node (its own children array, not a copy: callers only read it).</summary>
    private static ParseNode?[] ExtractList(ParseNode? pn, RuleId listKind)
    {
        if (pn is null)
        {
            return [];
        }
        return pn.IsStructOf(listKind) ? pn.Children : [pn];
    }

    private void ScopeParam(ParseNode pn, RuleId nameRule, RuleId starRule)
    {
        if ((_cur.Flags & Scope.FlagVarKeywords) != 0)
        {
            throw Error(pn, "invalid syntax");
        }
        string? name = null;
        var flag = IdFlags.Param;
        if (pn.Kind == NodeKind.Id || pn.IsStructOf(nameRule))
        {
            name = pn.Kind == NodeKind.Id ? pn.Text : pn[0]!.Text;
            if (_haveStar)
            {
                _cur.NumKwOnlyArgs++;
            }
            else
            {
                _cur.NumPosArgs++;
            }
        }
        else if (pn.IsStructOf(starRule))
        {
            if (_haveStar)
            {
                throw Error(pn, "invalid syntax");
            }
            _haveStar = true;
            flag = IdFlags.Param | IdFlags.StarParam;
            var c = pn[0];
            if (c is not null)
            {
                _cur.Flags |= Scope.FlagVarArgs;
                name = c.Kind == NodeKind.Id ? c.Text : c[0]!.Text;
            }
        }
        else
        {
            name = pn[0]!.Text;
            flag = IdFlags.Param | IdFlags.DblStarParam;
            _cur.Flags |= Scope.FlagVarKeywords;
        }
        if (name is not null)
        {
            var id = _cur.FindOrAdd(name, IdKind.Undecided);
            if (id.Kind != IdKind.Undecided)
            {
                throw Error(pn, "argument name reused");
            }
            id.Kind = IdKind.Local;
            id.Flags = flag;
        }
    }

    private void CompileNode(ParseNode? pn)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (pn is null)
        {
            return;
        }
        switch (pn.Kind)
        {
            case NodeKind.SmallInt:
                _emit.LoadConstSmallInt(pn.IntValue);
                return;
            case NodeKind.Id:
                LoadId(pn.Text);
                return;
            case NodeKind.Str:
                _emit.LoadConstStr(pn.Text);
                return;
            case NodeKind.Token:
                if (pn.Token != TokenKind.Newline)
                {
                    LoadConstTok(pn.Token);
                }
                return;
            case NodeKind.ConstObject:
                _emit.SetSourceLine(pn.Line);
                _emit.LoadConstObj(pn.Value!);
                return;
            default:
                _emit.SetSourceLine(pn.Line);
                CompileStruct(pn);
                return;
        }
    }

    private void LoadConstTok(TokenKind t)
    {
        switch (t)
        {
            case TokenKind.KwNone: _emit.LoadConstNone(); break;
            case TokenKind.KwTrue: _emit.LoadConstBool(true); break;
            case TokenKind.KwFalse: _emit.LoadConstBool(false); break;
            default: _emit.LoadConstObj(Values.PySingleton.Ellipsis); break;
        }
    }

    /// <summary>Node identity with a hash from the node's content: cheaper than an object's identity hash.</summary>
    private sealed class NodeIdentity : IEqualityComparer<ParseNode>
    {
        public static readonly NodeIdentity Instance = new();

        public bool Equals(ParseNode? x, ParseNode? y) => ReferenceEquals(x, y);

        public int GetHashCode(ParseNode n) => HashCode.Combine(n.Line, n.Rule, n.Count);
    }
}
