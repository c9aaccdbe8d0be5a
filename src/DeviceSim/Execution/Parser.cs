namespace Mpyd.DeviceSim.Execution;

/// <summary>
/// Turns tokens into statements of the subset. Anything it cannot parse becomes an
/// <see cref="UnsupportedStmt"/> (a NotImplementedError when run), never a silent success.
/// </summary>
internal sealed class Parser
{
    private static readonly HashSet<string> s_compound =
        ["if", "elif", "else", "for", "while", "def", "class", "with", "try", "except", "finally", "async", "@", "lambda", "global", "nonlocal", "del", "assert", "return", "yield", "break", "continue"];

    private readonly string _src;
    private readonly List<Token> _t;
    private int _p;
    private int _end;

    private Parser(string src, List<Token> tokens)
    {
        _src = src;
        _t = tokens;
    }

    /// <summary>Parses a whole program; raises SyntaxError/IndentationError for text no Python accepts.</summary>
    public static List<Stmt> Parse(string source)
    {
        var tokens = Lexer.Tokenize(source);
        var parser = new Parser(source, tokens);
        return parser.ParseAll();
    }

    private List<Stmt> ParseAll()
    {
        var result = new List<Stmt>();
        var i = 0;
        while (_t[i].Kind != TokenKind.End)
        {
            // One simple statement: up to ';' or the end of the logical line.
            var j = i;
            while (_t[j].Kind != TokenKind.Newline && _t[j].Kind != TokenKind.End && !(_t[j].Kind == TokenKind.Op && _t[j].Text == ";"))
                j++;
            if (j > i)
                result.Add(ParseStatement(i, j));
            else if (_t[j].Text == ";")
                throw new PyException("SyntaxError", "invalid syntax") { Line = _t[j].Line };
            i = j;
            if (_t[i].Kind != TokenKind.End)
                i++;
        }
        return result;
    }

    private Stmt ParseStatement(int start, int end)
    {
        var first = _t[start];
        var text = _src[first.Start.._t[end - 1].End].Trim();
        var line = first.Line;
        var last = _t[end - 1];
        // A statement ending in a binary operator or '=' can never be complete.
        if (last.Kind == TokenKind.Op && last.Text is "=" or "+" or "-" or "/")
            throw new PyException("SyntaxError", "invalid syntax") { Line = last.Line };
        if (s_compound.Contains(first.Text) || last.Text == ":")
            return new UnsupportedStmt(line, text);
        _p = start;
        _end = end;
        try
        {
            Stmt stmt = first.Text switch
            {
                "import" when first.Kind == TokenKind.Name => ParseImport(line, text),
                "from" when first.Kind == TokenKind.Name => ParseFrom(line, text),
                "raise" when first.Kind == TokenKind.Name => ParseRaise(line, text),
                "pass" when first.Kind == TokenKind.Name && end - start == 1 => new PassStmt(line, text),
                _ => ParseExprOrAssign(line, text),
            };
            // "pass" is a whole statement without consuming tokens through the expression parser.
            return _p == _end || stmt is PassStmt ? stmt : new UnsupportedStmt(line, text);
        }
        catch (UnsupportedSyntax)
        {
            return new UnsupportedStmt(line, text);
        }
    }

    private sealed class UnsupportedSyntax : Exception;

    private Token Peek => _p < _end ? _t[_p] : new Token(TokenKind.End, "", null, 0, 0, 0, false, 0);

    private bool IsOp(string op) => Peek.Kind == TokenKind.Op && Peek.Text == op;

    private bool IsName(string word) => Peek.Kind == TokenKind.Name && Peek.Text == word;

    private Token Next() => _p < _end ? _t[_p++] : throw new UnsupportedSyntax();

    private void Expect(string op)
    {
        if (!IsOp(op))
            throw new UnsupportedSyntax();
        _p++;
    }

    private string Name()
    {
        var t = Next();
        return t.Kind == TokenKind.Name ? t.Text : throw new UnsupportedSyntax();
    }

    private string DottedName()
    {
        var name = Name();
        while (IsOp("."))
        {
            _p++;
            name += "." + Name();
        }
        return name;
    }

    private ImportStmt ParseImport(int line, string text)
    {
        _p++;
        var names = new List<(string, string?)>();
        do
        {
            var name = DottedName();
            string? alias = null;
            if (IsName("as"))
            {
                _p++;
                alias = Name();
            }
            names.Add((name, alias));
        }
        while (IsOp(",") && _p++ >= 0);
        return new ImportStmt(line, text, names);
    }

    private FromImportStmt ParseFrom(int line, string text)
    {
        _p++;
        if (IsOp("."))
            throw new UnsupportedSyntax(); // relative imports need a package context
        var module = DottedName();
        if (!IsName("import"))
            throw new UnsupportedSyntax();
        _p++;
        var paren = IsOp("(");
        if (paren)
            _p++;
        var names = new List<(string, string?)>();
        do
        {
            if (IsOp("*"))
                throw new UnsupportedSyntax();
            var name = Name();
            string? alias = null;
            if (IsName("as"))
            {
                _p++;
                alias = Name();
            }
            names.Add((name, alias));
        }
        while (IsOp(",") && _p++ >= 0 && !(paren && IsOp(")")));
        if (paren)
            Expect(")");
        return new FromImportStmt(line, text, module, names);
    }

    private RaiseStmt ParseRaise(int line, string text)
    {
        _p++;
        if (_p == _end)
            return new RaiseStmt(line, text, null);
        var e = ParseExpr();
        if (IsName("from"))
            throw new UnsupportedSyntax();
        return new RaiseStmt(line, text, e);
    }

    private Stmt ParseExprOrAssign(int line, string text)
    {
        var first = Peek;
        if (first.Kind == TokenKind.Name && _p + 1 < _end && _t[_p + 1].Kind == TokenKind.Op && _t[_p + 1].Text == "=")
        {
            if (IsKeyword(first.Text))
                throw new UnsupportedSyntax();
            _p += 2;
            return new AssignStmt(line, text, first.Text, ParseTupleOrExpr());
        }
        var e = ParseTupleOrExpr();
        if (_p < _end)
            throw new UnsupportedSyntax();
        return new ExprStmt(line, text, e);
    }

    private static bool IsKeyword(string w) => w is "None" or "True" or "False" or "not" or "and" or "or" or "in" or "is" or "import" or "from";

    private Expr ParseTupleOrExpr()
    {
        var e = ParseExpr();
        if (!IsOp(","))
            return e;
        var items = new List<Expr> { e };
        while (IsOp(","))
        {
            _p++;
            if (_p == _end || IsOp(")"))
                break;
            items.Add(ParseExpr());
        }
        return new TupleExpr(items);
    }

    private Expr ParseExpr()
    {
        if (IsName("not"))
        {
            _p++;
            return new UnaryExpr("not", ParseExpr());
        }
        var left = ParseArith();
        while (true)
        {
            string? op = null;
            if (Peek.Kind == TokenKind.Op && Peek.Text is "==" or "!=")
                op = Next().Text;
            else if (IsName("in"))
                op = Next().Text;
            else if (IsName("not") && _p + 1 < _end && _t[_p + 1].Text == "in")
            {
                _p += 2;
                op = "not in";
            }
            else if (IsName("is"))
            {
                _p++;
                op = "is";
                if (IsName("not"))
                {
                    _p++;
                    op = "is not";
                }
            }
            if (op is null)
                break;
            left = new BinaryExpr(op, left, ParseArith());
        }
        if (Peek.Kind == TokenKind.Op && Peek.Text is "<" or ">" or "<=" or ">=" or "%" or "/" or "//" or "**" or "|" or "&")
            throw new UnsupportedSyntax();
        if (Peek.Kind == TokenKind.Name && Peek.Text is "and" or "or" or "if" or "for")
            throw new UnsupportedSyntax();
        return left;
    }

    private Expr ParseArith()
    {
        var left = ParseTerm();
        while (IsOp("+") || IsOp("-"))
        {
            var op = Next().Text;
            left = new BinaryExpr(op, left, ParseTerm());
        }
        return left;
    }

    private Expr ParseTerm()
    {
        var left = ParseUnary();
        while (IsOp("*"))
        {
            _p++;
            left = new BinaryExpr("*", left, ParseUnary());
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (IsOp("-") || IsOp("+"))
        {
            var op = Next().Text;
            return new UnaryExpr(op, ParseUnary());
        }
        return ParsePostfix(ParseAtom());
    }

    private Expr ParseAtom()
    {
        var t = Next();
        switch (t.Kind)
        {
            case TokenKind.Number:
                return t.Value is PyOpaque ? throw new UnsupportedSyntax() : new ConstExpr(t.Value);
            case TokenKind.Str:
            case TokenKind.Bytes:
                if (t.Value is PyOpaque)
                    throw new UnsupportedSyntax();
                var value = t.Value;
                // Adjacent literals concatenate.
                while (Peek.Kind == t.Kind && Peek.Value is not PyOpaque)
                {
                    var more = Next().Value;
                    value = value is string s ? s + (string)more! : ((byte[])value!).Concat((byte[])more!).ToArray();
                }
                return new ConstExpr(value);
            case TokenKind.Name:
                return t.Text switch
                {
                    "None" => new ConstExpr(null),
                    "True" => new ConstExpr(true),
                    "False" => new ConstExpr(false),
                    "lambda" or "await" or "yield" => throw new UnsupportedSyntax(),
                    _ => new NameExpr(t.Text),
                };
            case TokenKind.Op when t.Text == "(":
                if (IsOp(")"))
                {
                    _p++;
                    return new TupleExpr([]);
                }
                var inner = ParseTupleOrExpr();
                Expect(")");
                return inner;
            case TokenKind.Op when t.Text == "[":
                var items = new List<Expr>();
                while (!IsOp("]"))
                {
                    items.Add(ParseExpr());
                    if (!IsOp(","))
                        break;
                    _p++;
                }
                Expect("]");
                return new ListExpr(items);
            default:
                throw new UnsupportedSyntax();
        }
    }

    private Expr ParsePostfix(Expr e)
    {
        while (true)
        {
            if (IsOp("."))
            {
                _p++;
                e = new AttrExpr(e, Name());
            }
            else if (IsOp("("))
            {
                _p++;
                var args = new List<Expr>();
                var kwargs = new List<(string, Expr)>();
                while (!IsOp(")"))
                {
                    if (IsOp("*") || IsOp("**"))
                        throw new UnsupportedSyntax();
                    if (Peek.Kind == TokenKind.Name && _p + 1 < _end && _t[_p + 1].Text == "=")
                    {
                        var name = Name();
                        _p++;
                        kwargs.Add((name, ParseExpr()));
                    }
                    else
                    {
                        if (kwargs.Count > 0)
                            throw new UnsupportedSyntax();
                        args.Add(ParseExpr());
                    }
                    if (!IsOp(","))
                        break;
                    _p++;
                }
                Expect(")");
                e = new CallExpr(e, args, kwargs);
            }
            else if (IsOp("["))
            {
                _p++;
                var index = ParseExpr();
                Expect("]");
                e = new IndexExpr(e, index);
            }
            else
            {
                return e;
            }
        }
    }
}
