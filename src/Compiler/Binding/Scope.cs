using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.Binding;

internal enum ScopeKind : byte { Module, Class, Lambda, ListComp, DictComp, SetComp, GenExpr, Function }

internal enum IdKind : byte { Undecided, GlobalImplicit, GlobalImplicitAssigned, GlobalExplicit, Local, Cell, Free }

[Flags]
internal enum IdFlags : byte { None = 0, Param = 1, StarParam = 2, DblStarParam = 4 }

/// <summary>One name of a scope's identifier table (codegen spec 4.2).</summary>
internal sealed class IdInfo(string name, IdKind kind)
{
    public string Name { get; } = name;

    public IdKind Kind { get; set; } = kind;

    public IdFlags Flags { get; set; }

    public int LocalNum { get; set; }
}

/// <summary>A scope: module, class, function, lambda or comprehension; becomes one raw code.</summary>
internal sealed class Scope(ScopeKind kind, Scope? parent, ParseNode? node, string simpleName)
{
    public const int FlagGenerator = 0x01, FlagVarKeywords = 0x02, FlagVarArgs = 0x04, FlagDefKwArgs = 0x08;

    private static int _lastSerial;

    // A cheap, well-spread hash for the dictionaries keyed by scope (equality stays by reference).
    private readonly int _serial = Interlocked.Increment(ref _lastSerial);

    public ScopeKind Kind { get; } = kind;

    public Scope? Parent { get; } = parent;

    public ParseNode? Node { get; } = node;

    public string SimpleName { get; } = simpleName;

    private readonly Dictionary<string, IdInfo> _byName = [];

    /// <summary>The identifier table in first-mention order (the order decides slots and closure loads).</summary>
    public List<IdInfo> Ids { get; } = [];

    public int Flags { get; set; }

    public int NumPosArgs { get; set; }

    public int NumKwOnlyArgs { get; set; }

    public int NumDefPosArgs { get; set; }

    public int NumLocals { get; set; }

    public int StackSize { get; set; }

    public int ExcStackSize { get; set; }

    /// <summary>Decorator-selected emitter ("native", "viper"...); null for bytecode.</summary>
    public string? EmitterOption { get; set; }

    public bool IsFunctionLike => Kind is ScopeKind.Lambda or ScopeKind.ListComp or ScopeKind.DictComp or ScopeKind.SetComp
        or ScopeKind.GenExpr or ScopeKind.Function;

    public bool IsComprehension => Kind is ScopeKind.ListComp or ScopeKind.DictComp or ScopeKind.SetComp or ScopeKind.GenExpr;

    public IdInfo? Find(string name) => _byName.GetValueOrDefault(name);

    public IdInfo FindOrAdd(string name, IdKind kind, out bool added)
    {
        added = !_byName.TryGetValue(name, out var id);
        if (id is null)
        {
            id = new IdInfo(name, kind);
            Ids.Add(id);
            _byName[name] = id;
        }
        return id;
    }

    public IdInfo FindOrAdd(string name, IdKind kind) => FindOrAdd(name, kind, out _);

    public override int GetHashCode() => _serial;

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
}
