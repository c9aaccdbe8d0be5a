using System.Runtime.InteropServices;
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

    private static readonly Dictionary<string, TokenKind> KeywordKinds =
        Keywords.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => (TokenKind)((int)TokenKind.KwFalse + p.i), StringComparer.Ordinal);

    private static readonly Dictionary<string, TokenKind>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup =
        KeywordKinds.GetAlternateLookup<ReadOnlySpan<char>>();

    // Every distinct name of the file as one string: a name token costs lookups, not two allocations and a keyword scan.
    private readonly HashSet<string> _names = new(64, StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private char[] _nameChars = new char[64];
    private string? _tokenText;
    private readonly List<int> _indents = new(16) { 0 };
    private readonly List<byte> _text = [];
    private readonly List<byte> _fargs = [];
    private int _bracketDepth;
    private int _emitDent;
    private TokenKind _kind;

    public Lexer(ReadOnlySpan<byte> source, int optimizationLevel)
    {
        _s = new CharStream(source);
        _debugIsTrue = optimizationLevel == 0;
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
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
        _tokenText = null;
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
        Current = new Token(_kind, line, col, _tokenText ?? Latin1(_text));
    }

    private static string Latin1(List<byte> bytes) => bytes.Count == 0 ? string.Empty : Encoding.Latin1.GetString(CollectionsMarshal.AsSpan(bytes));

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
        int n = 0;
        while (!_s.AtEnd && (IsIdentStart(_s.Cur) || IsDigit(_s.Cur)))
        {
            if (n == _nameChars.Length)
            {
                Array.Resize(ref _nameChars, n * 2);
            }
            // Bytes as Latin-1 chars, like every token text.
            _nameChars[n++] = (char)_s.Cur;
            _s.Advance();
        }
        var chars = _nameChars.AsSpan(0, n);
        if (KeywordLookup.TryGetValue(chars, out string? keyword, out var kind))
        {
            _tokenText = keyword;
            _kind = kind == TokenKind.KwDebug ? (_debugIsTrue ? TokenKind.KwTrue : TokenKind.KwFalse) : kind;
            return;
        }
        if (!_nameLookup.TryGetValue(chars, out string? name))
        {
            name = new string(chars);
            _names.Add(name);
        }
        _tokenText = name;
        _kind = TokenKind.Name;
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

    private void ReadOperator()
    {
        // Longest match, as the reference's operator table gives it.
        int c1 = _s.Next1;
        bool eq1 = c1 == '=';
        (TokenKind kind, int length) = _s.Cur switch
        {
            '*' when c1 == '*' => _s.Next2 == '=' ? (TokenKind.DelDblStarEqual, 3) : (TokenKind.OpDblStar, 2),
            '*' => eq1 ? (TokenKind.DelStarEqual, 2) : (TokenKind.OpStar, 1),
            '/' when c1 == '/' => _s.Next2 == '=' ? (TokenKind.DelDblSlashEqual, 3) : (TokenKind.OpDblSlash, 2),
            '/' => eq1 ? (TokenKind.DelSlashEqual, 2) : (TokenKind.OpSlash, 1),
            '<' when c1 == '<' => _s.Next2 == '=' ? (TokenKind.DelDblLessEqual, 3) : (TokenKind.OpDblLess, 2),
            '<' => eq1 ? (TokenKind.OpLessEqual, 2) : (TokenKind.OpLess, 1),
            '>' when c1 == '>' => _s.Next2 == '=' ? (TokenKind.DelDblMoreEqual, 3) : (TokenKind.OpDblMore, 2),
            '>' => eq1 ? (TokenKind.OpMoreEqual, 2) : (TokenKind.OpMore, 1),
            '.' => c1 == '.' && _s.Next2 == '.' ? (TokenKind.Ellipsis, 3) : (TokenKind.DelPeriod, 1),
            ':' => eq1 ? (TokenKind.OpAssign, 2) : (TokenKind.DelColon, 1),
            '+' => eq1 ? (TokenKind.DelPlusEqual, 2) : (TokenKind.OpPlus, 1),
            '-' => eq1 ? (TokenKind.DelMinusEqual, 2) : c1 == '>' ? (TokenKind.DelMinusMore, 2) : (TokenKind.OpMinus, 1),
            '&' => eq1 ? (TokenKind.DelAmpersandEqual, 2) : (TokenKind.OpAmpersand, 1),
            '|' => eq1 ? (TokenKind.DelPipeEqual, 2) : (TokenKind.OpPipe, 1),
            '%' => eq1 ? (TokenKind.DelPercentEqual, 2) : (TokenKind.OpPercent, 1),
            '^' => eq1 ? (TokenKind.DelCaretEqual, 2) : (TokenKind.OpCaret, 1),
            '@' => eq1 ? (TokenKind.DelAtEqual, 2) : (TokenKind.OpAt, 1),
            '=' => eq1 ? (TokenKind.OpDblEqual, 2) : (TokenKind.DelEqual, 1),
            '!' when eq1 => (TokenKind.OpNotEqual, 2),
            '(' => (TokenKind.DelParenOpen, 1),
            ')' => (TokenKind.DelParenClose, 1),
            '[' => (TokenKind.DelBracketOpen, 1),
            ']' => (TokenKind.DelBracketClose, 1),
            '{' => (TokenKind.DelBraceOpen, 1),
            '}' => (TokenKind.DelBraceClose, 1),
            ',' => (TokenKind.DelComma, 1),
            ';' => (TokenKind.DelSemicolon, 1),
            '~' => (TokenKind.OpTilde, 1),
            _ => (TokenKind.Invalid, 1),
        };
        for (int i = 0; i < length; i++)
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
    }
}
