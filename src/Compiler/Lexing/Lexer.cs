using System.Text;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Text;

namespace Mpyd.Compiler.Lexing;

/// <summary>
/// MicroPython's tokenizer (frontend spec section 1): one token of lookahead, indentation tokens,
/// adjacent-literal joining, f-strings rewritten into ".format(...)" text inserted into the input.
/// </summary>
internal sealed partial class Lexer
{
    private static readonly string[] Keywords =
    [
        "False", "None", "True", "__debug__", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
        "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
        "while", "with", "yield",
    ];

    private readonly CharStream _s;
    private readonly bool _debugIsTrue;
    private readonly List<int> _indents = [0];
    private readonly List<byte> _text = [];
    private readonly List<byte> _fargs = [];
    private int _bracketDepth;
    private int _emitDent;
    private TokenKind _kind;

    public Lexer(ReadOnlySpan<byte> source, int optimizationLevel)
    {
        _s = new CharStream(source);
        _debugIsTrue = optimizationLevel == 0;
        Advance();
        if (Current.Kind != TokenKind.Newline && Current.Column != 1)
        {
            Current = Current with { Kind = TokenKind.Indent };
        }
    }

    public Token Current { get; private set; }

    public void Advance()
    {
        _text.Clear();
        bool hadNewline = SkipWhitespace(stopAtNewline: true);
        int line = _s.Line, col = _s.Column;
        if (_emitDent < 0)
        {
            _emitDent++;
            _kind = TokenKind.Dedent;
        }
        else if (_emitDent > 0)
        {
            _emitDent--;
            _kind = TokenKind.Indent;
        }
        else if (hadNewline)
        {
            SkipWhitespace(stopAtNewline: false);
            _kind = TokenKind.Newline;
            int width = _s.Column - 1;
            if (width > _indents[^1])
            {
                _indents.Add(width);
                _emitDent++;
            }
            else if (width < _indents[^1])
            {
                while (width < _indents[^1])
                {
                    _indents.RemoveAt(_indents.Count - 1);
                    _emitDent--;
                }
                if (width != _indents[^1])
                {
                    _kind = TokenKind.DedentMismatch;
                }
            }
        }
        else if (_s.AtEnd)
        {
            _kind = TokenKind.End;
        }
        else if (IsStringStart())
        {
            ReadStringGroup();
        }
        else if (IsIdentStart(_s.Cur))
        {
            ReadName();
        }
        else if (IsDigit(_s.Cur) || (_s.Cur == '.' && IsDigit(_s.Next1)))
        {
            ReadNumber();
        }
        else
        {
            ReadOperator();
        }
        Current = new Token(_kind, line, col, Latin1(_text));
    }

    private static string Latin1(List<byte> bytes) => bytes.Count == 0 ? string.Empty : Encoding.Latin1.GetString([.. bytes]);

    private static bool IsDigit(int c) => c >= '0' && c <= '9';

    private static bool IsLetter(int c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsIdentStart(int c) => IsLetter(c) || c == '_' || c >= 0x80;

    private static bool IsWhitespace(int c) => c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';

    private bool SkipWhitespace(bool stopAtNewline)
    {
        while (!_s.AtEnd)
        {
            int c = _s.Cur;
            if (c == '\n')
            {
                if (stopAtNewline && _bracketDepth == 0)
                {
                    return true;
                }
                _s.Advance();
            }
            else if (IsWhitespace(c))
            {
                _s.Advance();
            }
            else if (c == '#')
            {
                while (!_s.AtEnd && _s.Cur != '\n')
                {
                    _s.Advance();
                }
            }
            else if (c == '\\' && _s.Next1 == '\n')
            {
                _s.Advance();
                _s.Advance();
            }
            else
            {
                break;
            }
        }
        return false;
    }

    private void ReadName()
    {
        _kind = TokenKind.Name;
        while (!_s.AtEnd && (IsIdentStart(_s.Cur) || IsDigit(_s.Cur)))
        {
            _text.Add((byte)_s.Cur);
            _s.Advance();
        }
        string name = Latin1(_text);
        int k = Array.IndexOf(Keywords, name);
        if (k >= 0)
        {
            _kind = (TokenKind)((int)TokenKind.KwFalse + k);
            if (_kind == TokenKind.KwDebug)
            {
                _kind = _debugIsTrue ? TokenKind.KwTrue : TokenKind.KwFalse;
            }
        }
    }

    private void ReadNumber()
    {
        bool forcedInt = false;
        if (_s.Cur == '.')
        {
            _kind = TokenKind.FloatOrImag;
        }
        else
        {
            _kind = TokenKind.Integer;
            int n = _s.Next1 | 0x20;
            forcedInt = _s.Cur == '0' && (n == 'b' || n == 'o' || n == 'x');
        }
        _text.Add((byte)_s.Cur);
        _s.Advance();
        while (!_s.AtEnd)
        {
            int c = _s.Cur;
            if (!forcedInt && (c == 'e' || c == 'E'))
            {
                _kind = TokenKind.FloatOrImag;
                _text.Add((byte)'e');
                _s.Advance();
                if (_s.Cur == '+' || _s.Cur == '-')
                {
                    _text.Add((byte)_s.Cur);
                    _s.Advance();
                }
            }
            else if (IsLetter(c) || IsDigit(c) || c == '.')
            {
                if (c == '.' || c == 'j' || c == 'J')
                {
                    _kind = TokenKind.FloatOrImag;
                }
                _text.Add((byte)c);
                _s.Advance();
            }
            else if (c == '_')
            {
                _s.Advance();
            }
            else
            {
                break;
            }
        }
    }

    // Operators in the reference's table order: (text, kind), longest match wins.
    private static readonly (string Text, TokenKind Kind)[] Operators =
    [
        ("**=", TokenKind.DelDblStarEqual), ("//=", TokenKind.DelDblSlashEqual), ("<<=", TokenKind.DelDblLessEqual),
        (">>=", TokenKind.DelDblMoreEqual), ("...", TokenKind.Ellipsis),
        (":=", TokenKind.OpAssign), ("<=", TokenKind.OpLessEqual), ("<<", TokenKind.OpDblLess), (">=", TokenKind.OpMoreEqual),
        (">>", TokenKind.OpDblMore), ("*=", TokenKind.DelStarEqual), ("**", TokenKind.OpDblStar), ("+=", TokenKind.DelPlusEqual),
        ("-=", TokenKind.DelMinusEqual), ("->", TokenKind.DelMinusMore), ("&=", TokenKind.DelAmpersandEqual),
        ("|=", TokenKind.DelPipeEqual), ("/=", TokenKind.DelSlashEqual), ("//", TokenKind.OpDblSlash),
        ("%=", TokenKind.DelPercentEqual), ("^=", TokenKind.DelCaretEqual), ("@=", TokenKind.DelAtEqual),
        ("==", TokenKind.OpDblEqual), ("!=", TokenKind.OpNotEqual),
        ("(", TokenKind.DelParenOpen), (")", TokenKind.DelParenClose), ("[", TokenKind.DelBracketOpen),
        ("]", TokenKind.DelBracketClose), ("{", TokenKind.DelBraceOpen), ("}", TokenKind.DelBraceClose),
        (",", TokenKind.DelComma), (";", TokenKind.DelSemicolon), ("~", TokenKind.OpTilde), (":", TokenKind.DelColon),
        ("<", TokenKind.OpLess), (">", TokenKind.OpMore), ("*", TokenKind.OpStar), ("+", TokenKind.OpPlus),
        ("-", TokenKind.OpMinus), ("&", TokenKind.OpAmpersand), ("|", TokenKind.OpPipe), ("/", TokenKind.OpSlash),
        ("%", TokenKind.OpPercent), ("^", TokenKind.OpCaret), ("@", TokenKind.OpAt), ("=", TokenKind.DelEqual),
        (".", TokenKind.DelPeriod),
    ];

    private void ReadOperator()
    {
        foreach (var (text, kind) in Operators)
        {
            if (_s.Cur != text[0] || (text.Length > 1 && _s.Next1 != text[1]) || (text.Length > 2 && _s.Next2 != text[2]))
            {
                continue;
            }
            for (int i = 0; i < text.Length; i++)
            {
                _s.Advance();
            }
            _kind = kind;
            if (kind is TokenKind.DelParenOpen or TokenKind.DelBracketOpen or TokenKind.DelBraceOpen)
            {
                _bracketDepth++;
            }
            else if (kind is TokenKind.DelParenClose or TokenKind.DelBracketClose or TokenKind.DelBraceClose)
            {
                _bracketDepth--;
            }
            return;
        }
        _s.Advance();
        _kind = TokenKind.Invalid;
    }
}
