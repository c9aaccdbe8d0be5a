using System.Numerics;
using System.Runtime.InteropServices;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.Parsing;

internal sealed partial class Parser
{
    // math.nan is one object in the reference, so every use shares one constant-table entry.
    private static readonly object MathNan = double.NaN;

    private static readonly BigInteger HostSmallIntLimit = BigInteger.One << 62;

    private ParseNode? Peek(int n) => _results[_results.Count - 1 - n];

    private ParseNode?[] PopN(int n)
    {
        if (n == 0)
        {
            return [];
        }
        var arr = CollectionsMarshal.AsSpan(_results)[(_results.Count - n)..].ToArray();
        _results.RemoveRange(_results.Count - n, n);
        return arr;
    }

    /// <summary>Builds the node for a finished rule after the rewrites of frontend spec 2.5.</summary>
    private void PushRule(RuleId id, int line, int n)
    {
        if (id == RuleId.atom_paren)
        {
            var c = Peek(0);
            if (c is not null && !c.IsStructOf(RuleId.testlist_comp))
            {
                return;
            }
        }
        else if (id == RuleId.testlist_comp)
        {
            var c = Peek(0);
            if (c is not null && c.IsStructOf(RuleId.testlist_comp_3b))
            {
                _results.RemoveAt(_results.Count - 1);
                n--;
            }
            else if (c is not null && c.IsStructOf(RuleId.testlist_comp_3c))
            {
                _results.RemoveAt(_results.Count - 1);
                c.Rule = RuleId.testlist_comp;
                return;
            }
        }
        else if (id == RuleId.testlist_comp_3c)
        {
            n++;
        }

        if (FoldLogical(id, ref n) || FoldConstants(id, line, n) || BuildTuple(id, line, n))
        {
            return;
        }
        var node = ParseNode.Struct(id, line, PopN(n));
        if (id == RuleId.testlist_comp_3c)
        {
            _results.Add(node);
        }
        _results.Add(node);
    }

    private bool BuildTuple(RuleId id, int line, int n)
    {
        if (id == RuleId.testlist_comp)
        {
            if (PeekRule(0) == RuleId.atom_paren)
            {
                return BuildTupleFromStack(line, n);
            }
        }
        if (id == RuleId.testlist_comp_3c)
        {
            if (PeekRule(2) == RuleId.atom_paren && BuildTupleFromStack(line, n))
            {
                _skipReductions = 2;
                return true;
            }
        }
        if (id is RuleId.testlist_star_expr or RuleId.testlist or RuleId.subscriptlist)
        {
            return BuildTupleFromStack(line, n);
        }
        return false;
    }

    private bool BuildTupleFromStack(int line, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (Peek(i) is not { IsConstant: true })
            {
                return false;
            }
        }
        var items = PopN(n).Select(x => x!.ToObject()).ToArray();
        _results.Add(ParseNode.Const(line, new PyTuple(items)));
        return true;
    }

    private bool FoldLogical(RuleId id, ref int n)
    {
        if (id is RuleId.or_test or RuleId.and_test)
        {
            bool isOr = id == RuleId.or_test;
            var items = PopN(n);
            var kept = new List<ParseNode?>();
            for (int i = 0; i < items.Length; i++)
            {
                var x = items[i]!;
                if (x.IsConstant)
                {
                    bool truth = x.IsConstTrue;
                    if (truth == isOr)
                    {
                        kept.Add(x);
                        break;
                    }
                    if (i == items.Length - 1)
                    {
                        kept.Add(x);
                    }
                    continue;
                }
                kept.Add(x);
            }
            _results.AddRange(kept);
            n = kept.Count;
            return n == 1;
        }
        if (id == RuleId.not_test_2 && Peek(0) is { IsConstant: true } c)
        {
            bool truth = c.IsConstTrue;
            PopN(n);
            _results.Add(ParseNode.Tok(truth ? TokenKind.KwFalse : TokenKind.KwTrue));
            return true;
        }
        return false;
    }

    private bool FoldConstants(RuleId id, int line, int n)
    {
        switch (id)
        {
            case RuleId.expr or RuleId.xor_expr or RuleId.and_expr:
            {
                var op = id == RuleId.expr ? TokenKind.OpPipe : id == RuleId.xor_expr ? TokenKind.OpCaret : TokenKind.OpAmpersand;
                var items = CollectionsMarshal.AsSpan(_results)[(_results.Count - n)..];
                foreach (var item in items)
                {
                    if (!IsNumber(item))
                    {
                        return false;
                    }
                }
                object? acc = NumberOf(items[0]!);
                for (int i = 1; i < n && acc is not null; i++)
                {
                    acc = ConstantFolder.Binary(op, acc, NumberOf(items[i]!));
                }
                return Replace(n, acc);
            }
            case RuleId.shift_expr or RuleId.arith_expr or RuleId.term:
            {
                var items = CollectionsMarshal.AsSpan(_results)[(_results.Count - n)..];
                for (int i = 0; i < n; i += 2)
                {
                    if (!IsNumber(items[i]))
                    {
                        return false;
                    }
                }
                object? acc = NumberOf(items[0]!);
                for (int i = 1; i < n && acc is not null; i += 2)
                {
                    acc = ConstantFolder.Binary(items[i]!.Token, acc, NumberOf(items[i + 1]!));
                }
                return Replace(n, acc);
            }
            case RuleId.factor_2:
            {
                if (!IsNumber(Peek(0)))
                {
                    return false;
                }
                var operand = NumberOf(Peek(0)!);
                var folded = ConstantFolder.Unary(Peek(1)!.Token, operand);
                if (folded is BigInteger neg && operand is BigInteger pos && pos == HostSmallIntLimit && neg == -pos)
                {
                    // The reference negates a big-int object into a big-int object, even when the result (-2**62)
                    // would fit the host's small ints; that decides small int vs. object for 63/64-bit targets.
                    PopN(n);
                    _results.Add(ParseNode.Const(0, neg));
                    return true;
                }
                return Replace(n, folded);
            }
            case RuleId.power:
            {
                if (!IsNumber(Peek(1)) || !IsNumber(Peek(0)))
                {
                    return false;
                }
                return Replace(n, ConstantFolder.Binary(TokenKind.OpDblStar, NumberOf(Peek(1)!), NumberOf(Peek(0)!)));
            }
            case RuleId.expr_stmt:
                return ConstDefinition(n);
            case RuleId.atom_expr_normal:
                if (n == 2 && Peek(1) is { } m && m.IsId("math") && Peek(0) is { } tr && tr.IsStructOf(RuleId.trailer_period)
                    && tr[0] is { Kind: NodeKind.Id } attr)
                {
                    object? v = attr.Text switch
                    {
                        "e" => Math.E,
                        "pi" => Math.PI,
                        "tau" => 2 * Math.PI,
                        "inf" => double.PositiveInfinity,
                        "nan" => MathNan,
                        _ => null,
                    };
                    if (v is not null)
                    {
                        PopN(n);
                        _results.Add(ParseNode.Const(0, v));
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private bool ConstDefinition(int n)
    {
        var l = Peek(1);
        var r = Peek(0);
        if (n != 2 || l is not { Kind: NodeKind.Id } || r is null || !r.IsStructOf(RuleId.atom_expr_normal) || r.Count != 2
            || r[0] is not { } callee || !callee.IsId("const") || r[1] is not { } tp || !tp.IsStructOf(RuleId.trailer_paren))
        {
            return false;
        }
        var v = tp[0];
        if (v is null || !v.IsConstant)
        {
            throw CompileErrorException.Syntax("not a constant", r.Line);
        }
        _consts[l.Text] = v.ToObject();
        if (l.Text.StartsWith('_'))
        {
            PopN(2);
            _results.Add(ParseNode.Struct(RuleId.pass_stmt, 0, []));
            return true;
        }
        _results[^1] = v;
        return false;
    }

    private static bool IsNumber(ParseNode? x) =>
        x is not null && (x.Kind == NodeKind.SmallInt || (x.Kind == NodeKind.ConstObject && x.Value is BigInteger or double));

    private static object NumberOf(ParseNode x) => x.Kind == NodeKind.SmallInt ? new BigInteger(x.IntValue) : x.Value!;

    private bool Replace(int n, object? result)
    {
        if (result is null)
        {
            return false;
        }
        PopN(n);
        _results.Add(result is BigInteger bi ? IntNode(bi, 0) : ParseNode.Const(0, result));
        return true;
    }
}
