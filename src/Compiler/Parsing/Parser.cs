using System.Numerics;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.Parsing;

/// <summary>
/// MicroPython's table-driven parser (frontend spec 2), run as recursive descent over <see cref="Grammar"/>.
/// A shared result stack and a stack of rules in progress reproduce the reference's rewrites exactly.
/// </summary>
internal sealed partial class Parser
{
    private readonly Lexer _lex;
    private readonly List<ParseNode?> _results = new(64);
    private readonly List<RuleId> _ruleStack = new(64);
    private readonly HashSet<string> _interned;
    private readonly Dictionary<string, object> _consts = [];
    private readonly int _smallIntBits;
    private int _skipReductions;

    public Parser(Lexer lexer, HashSet<string> interned, int smallIntBits)
    {
        _lex = lexer;
        _interned = interned;
        _smallIntBits = smallIntBits;
    }

    public ParseNode? ParseFile()
    {
        ParseRule(RuleId.file_input);
        if (_lex.Current.Kind != TokenKind.End)
        {
            throw SyntaxErrorHere();
        }
        return _results[0];
    }

    private CompileErrorException SyntaxErrorHere()
    {
        var t = _lex.Current;
        return t.Kind switch
        {
            TokenKind.Indent => new CompileErrorException("IndentationError", "unexpected indent", t.Line),
            TokenKind.DedentMismatch => new CompileErrorException("IndentationError", "unindent doesn't match any outer indent level", t.Line),
            TokenKind.MalformedFString => CompileErrorException.Syntax("malformed f-string", t.Line),
            _ => CompileErrorException.Syntax("invalid syntax", t.Line),
        };
    }

    private bool ParseRule(RuleId id)
    {
        if (StartSets.FailsAt(id, _lex.Current.Kind))
        {
            return false;
        }
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var rule = Grammar.Rules[(int)id];
        int line = _lex.Current.Line;
        switch (rule.Form)
        {
            case RuleForm.Alt:
                for (int i = 0; i < rule.Parts.Length; i++)
                {
                    var p = rule.Parts[i];
                    if (p.IsToken)
                    {
                        if (_lex.Current.Kind == p.Token)
                        {
                            PushToken(id);
                            _lex.Advance();
                            return true;
                        }
                        continue;
                    }
                    if (StartSets.FailsAt(p.Rule, _lex.Current.Kind))
                    {
                        continue;
                    }
                    bool last = i == rule.Parts.Length - 1;
                    if (!last)
                    {
                        _ruleStack.Add(id);
                    }
                    bool ok = ParseRule(p.Rule);
                    if (!last)
                    {
                        _ruleStack.RemoveAt(_ruleStack.Count - 1);
                    }
                    if (ok)
                    {
                        return true;
                    }
                }
                return false;
            case RuleForm.List or RuleForm.ListEnd:
                return ParseList(id, rule, line);
            case RuleForm.Rep:
                return ParseRep(id, rule, line);
            default:
                return ParseSeq(id, rule, line);
        }
    }

    private bool ParseSeq(RuleId id, Rule rule, int line)
    {
        int start = _results.Count;
        _ruleStack.Add(id);
        for (int i = 0; i < rule.Parts.Length; i++)
        {
            var p = rule.Parts[i];
            if (p.IsToken)
            {
                if (_lex.Current.Kind == p.Token)
                {
                    if (p.Token == TokenKind.Name)
                    {
                        PushToken(id);
                    }
                    _lex.Advance();
                }
                else if (i == 0)
                {
                    _ruleStack.RemoveAt(_ruleStack.Count - 1);
                    return false;
                }
                else
                {
                    throw SyntaxErrorHere();
                }
            }
            else if (!ParseRule(p.Rule))
            {
                if (p.Optional)
                {
                    _results.Add(null);
                }
                else if (i == 0)
                {
                    _ruleStack.RemoveAt(_ruleStack.Count - 1);
                    return false;
                }
                else
                {
                    throw SyntaxErrorHere();
                }
            }
        }
        _ruleStack.RemoveAt(_ruleStack.Count - 1);
        if (_skipReductions > 0)
        {
            _skipReductions--;
            return true;
        }
        int n = _results.Count - start;
        if (rule.Form == RuleForm.Seq1)
        {
            int nonNull = 0;
            ParseNode? only = null;
            for (int k = start; k < _results.Count; k++)
            {
                if (_results[k] is { } x)
                {
                    nonNull++;
                    only = x;
                }
            }
            if (nonNull == 1)
            {
                _results[start] = only;
                System.Runtime.InteropServices.CollectionsMarshal.SetCount(_results, start + 1);
                return true;
            }
        }
        if (id == RuleId.expr_stmt && _results[^1] is null && _results[^2] is { } first
            && (first.Kind is NodeKind.SmallInt or NodeKind.Str or NodeKind.Token or NodeKind.ConstObject))
        {
            _results.RemoveRange(_results.Count - 2, 2);
            PushRule(RuleId.pass_stmt, line, 0);
            return true;
        }
        if (rule.Form == RuleForm.SeqB)
        {
            _results.Add(null);
            n++;
        }
        PushRule(id, line, n);
        return true;
    }

    private bool ParseItem(RuleId listId, Part item)
    {
        if (!item.IsToken)
        {
            return ParseRule(item.Rule);
        }
        if (_lex.Current.Kind != item.Token)
        {
            return false;
        }
        PushToken(listId);
        _lex.Advance();
        return true;
    }

    private bool ParseList(RuleId id, Rule rule, int line)
    {
        int start = _results.Count;
        _ruleStack.Add(id);
        if (!ParseItem(id, rule.Parts[0]))
        {
            _ruleStack.RemoveAt(_ruleStack.Count - 1);
            return false;
        }
        bool trailing = false;
        while (true)
        {
            var sep = rule.Parts[1];
            if (sep.IsToken)
            {
                if (_lex.Current.Kind != sep.Token)
                {
                    break;
                }
                _lex.Advance();
            }
            else if (!ParseRule(sep.Rule))
            {
                break;
            }
            if (!ParseItem(id, rule.Parts[0]))
            {
                if (rule.Form == RuleForm.ListEnd)
                {
                    trailing = true;
                    break;
                }
                throw SyntaxErrorHere();
            }
        }
        _ruleStack.RemoveAt(_ruleStack.Count - 1);
        if (_skipReductions > 0)
        {
            _skipReductions--;
            return true;
        }
        int n = _results.Count - start;
        if (n == 1 && !trailing)
        {
            return true;
        }
        PushRule(id, line, n);
        return true;
    }

    private bool ParseRep(RuleId id, Rule rule, int line)
    {
        int start = _results.Count;
        _ruleStack.Add(id);
        if (!ParseRule(rule.Parts[0].Rule))
        {
            _ruleStack.RemoveAt(_ruleStack.Count - 1);
            return false;
        }
        while (ParseRule(rule.Parts[0].Rule))
        {
        }
        _ruleStack.RemoveAt(_ruleStack.Count - 1);
        int n = _results.Count - start;
        if (n > 1)
        {
            PushRule(id, line, n);
        }
        return true;
    }

    private RuleId PeekRule(int n) => _ruleStack[_ruleStack.Count - 1 - n];

    private bool FitsSmallInt(BigInteger v)
    {
        // Must fit the target's small ints and the reference host's (63-bit) ones.
        if (v < long.MinValue || v > long.MaxValue)
        {
            return false;
        }
        long x = (long)v, lim = 1L << (Math.Min(_smallIntBits, 63) - 1);
        return x >= -lim && x < lim;
    }

    private ParseNode IntNode(BigInteger v, int line) => FitsSmallInt(v) ? ParseNode.SmallInt((long)v) : ParseNode.Const(line, v);

    private void PushToken(RuleId rule)
    {
        var t = _lex.Current;
        switch (t.Kind)
        {
            case TokenKind.Name:
                if (t.Text.Length >= 256)
                {
                    // Interning happens when the parser takes the name, so that is when the reference fails.
                    throw new CompileErrorException("RuntimeError", "name too long", 0);
                }
                _interned.Add(t.Text);
                if (rule == RuleId.atom && _consts.TryGetValue(t.Text, out var cv))
                {
                    _results.Add(cv is BigInteger bi ? IntNode(bi, t.Line) : ParseNode.Const(t.Line, cv));
                }
                else
                {
                    _results.Add(ParseNode.Id(t.Text));
                }
                break;
            case TokenKind.Integer:
                _results.Add(IntNode(NumberLiterals.ParseInt(t.Text, t.Line), t.Line));
                break;
            case TokenKind.FloatOrImag:
                _results.Add(ParseNode.Const(t.Line, NumberLiterals.ParseFloat(t.Text, t.Line)));
                break;
            case TokenKind.String:
                if (t.Text.Length <= 10 || _interned.Contains(t.Text) || StaticQstrs.IsLongInterned(t.Text))
                {
                    _interned.Add(t.Text);
                    _results.Add(ParseNode.Str(t.Text));
                }
                else
                {
                    _results.Add(ParseNode.Const(t.Line, new PyStr(t.Text)));
                }
                break;
            case TokenKind.Bytes:
                _results.Add(ParseNode.Const(t.Line, new PyBytes(t.Text)));
                break;
            default:
                _results.Add(ParseNode.Tok(t.Kind));
                break;
        }
    }
}
