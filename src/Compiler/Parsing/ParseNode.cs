using System.Numerics;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.Parsing;

internal enum NodeKind : byte { SmallInt, Id, Str, Token, Struct, ConstObject }

/// <summary>
/// A syntax-tree node (frontend spec 2.4). Null children are C# nulls. Leaves: small int, identifier, string
/// (an interned str), token. Interior: a rule with line and children, or a const_object wrapping a constant.
/// </summary>
internal sealed class ParseNode
{
    // Text, children or constant value, by kind: one field keeps the node small (trees are allocation-bound).
    private readonly object? _ref;

    private ParseNode(NodeKind kind, object? reference)
    {
        Kind = kind;
        _ref = reference;
    }

    // Token leaves carry nothing else, so one shared node per token kind serves every use.
    private static readonly ParseNode[] TokenNodes = CreateTokenNodes();

    public NodeKind Kind { get; }

    public long IntValue { get; private init; }

    /// <summary>Identifier or string text (bytes as Latin-1).</summary>
    public string Text => Kind is NodeKind.Id or NodeKind.Str ? (string)_ref! : string.Empty;

    public TokenKind Token { get; private init; }

    public RuleId Rule { get; set; }

    public int Line { get; private init; }

    public ParseNode?[] Children => Kind == NodeKind.Struct ? (ParseNode?[])_ref! : [];

    public object? Value => Kind == NodeKind.ConstObject ? _ref : null;

    public bool IsStruct => Kind == NodeKind.Struct;

    public int Count => Children.Length;

    public ParseNode? this[int i] => ((ParseNode?[])_ref!)[i];

    public static ParseNode SmallInt(long v) => new(NodeKind.SmallInt, null) { IntValue = v };

    public static ParseNode Id(string name) => new(NodeKind.Id, name);

    public static ParseNode Str(string value) => new(NodeKind.Str, value);

    public static ParseNode Tok(TokenKind kind) => TokenNodes[(int)kind];

    public static ParseNode Struct(RuleId rule, int line, ParseNode?[] children) =>
        new(NodeKind.Struct, children) { Rule = rule, Line = line };

    public static ParseNode Const(int line, object value) =>
        new(NodeKind.ConstObject, value) { Rule = RuleId.const_object, Line = line };

    private static ParseNode[] CreateTokenNodes()
    {
        var nodes = new ParseNode[(int)TokenKind.DelMinusMore + 1];
        for (int i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new ParseNode(NodeKind.Token, null) { Token = (TokenKind)i };
        }
        return nodes;
    }

    public bool IsStructOf(RuleId rule) => Kind == NodeKind.Struct && Rule == rule;

    public bool IsToken(TokenKind kind) => Kind == NodeKind.Token && Token == kind;

    public bool IsId(string name) => Kind == NodeKind.Id && Text == name;

    /// <summary>Interior nodes (rules and const objects) carry lines and produce line events.</summary>
    public bool IsInterior => Kind is NodeKind.Struct or NodeKind.ConstObject;

    /// <summary>The constant predicate of frontend spec 3.2.</summary>
    public bool IsConstant => Kind switch
    {
        NodeKind.SmallInt or NodeKind.Str or NodeKind.ConstObject => true,
        NodeKind.Token => Token is TokenKind.KwNone or TokenKind.KwFalse or TokenKind.KwTrue or TokenKind.Ellipsis,
        NodeKind.Struct => Rule == RuleId.atom_paren && Children[0] is null,
        _ => false,
    };

    /// <summary>The constant's object (only valid when <see cref="IsConstant"/>).</summary>
    public object ToObject() => Kind switch
    {
        NodeKind.SmallInt => new BigInteger(IntValue),
        NodeKind.Str => new PyStr(Text),
        NodeKind.ConstObject => Value!,
        NodeKind.Struct => new PyTuple([]),
        _ => Token switch
        {
            TokenKind.KwNone => PySingleton.None,
            TokenKind.KwFalse => PySingleton.False,
            TokenKind.KwTrue => PySingleton.True,
            _ => PySingleton.Ellipsis,
        },
    };

    public bool IsConstTrue => IsConstant && PyEquality.IsTrue(ToObject());

    public bool IsConstFalse => IsConstant && !PyEquality.IsTrue(ToObject());

    public override string ToString() => Kind switch
    {
        NodeKind.SmallInt => IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NodeKind.Id => "id " + Text,
        NodeKind.Str => "str " + Text,
        NodeKind.Token => "tok " + Token,
        NodeKind.ConstObject => "const " + Value,
        _ => $"{Rule}(line {Line}: {string.Join(", ", Children.Select(c => c?.ToString() ?? "null"))})",
    };
}
