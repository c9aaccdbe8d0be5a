using System.Globalization;
using System.Numerics;
using System.Text;

namespace Mpyd.DeviceSim.Execution;

internal enum TokenKind { Name, Number, Str, Bytes, Op, Newline, End }

/// <summary>One token; <see cref="Start"/>/<see cref="End"/> are offsets in the source text.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, object? Value, int Line, int Start, int End, bool LineStart, int Indent);

/// <summary>
/// Tokenizer for the simulated board's Python subset. It accepts all of Python's token shapes
/// (so unsupported statements are reported as such, not as syntax errors) and raises SyntaxError
/// only for text no Python could accept: unterminated strings, stray characters, unbalanced brackets,
/// an indented first statement.
/// </summary>
internal sealed class Lexer
{
    private readonly string _src;
    private readonly bool _partial;
    private int _pos;
    private int _line = 1;
    private readonly Stack<char> _brackets = new();
    private readonly List<Token> _tokens = [];

    private Lexer(string src, bool partial)
    {
        _src = src;
        _partial = partial;
    }

    /// <summary>Tokenizes a whole program.</summary>
    public static List<Token> Tokenize(string source) => new Lexer(source, partial: false).Run();

    /// <summary>
    /// Checks a program that is still arriving: returns the SyntaxError found in its complete lines, or null.
    /// </summary>
    public static PyException? CheckPrefix(string prefix)
    {
        var end = prefix.LastIndexOf('\n');
        if (end < 0)
            return null;
        try
        {
            new Lexer(prefix[..(end + 1)], partial: true).Run();
            return null;
        }
        catch (PyException e)
        {
            return e;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            // Left for the full compile at the end, which reports it.
            return null;
        }
    }

    private static PyException Syntax(int line, string message = "invalid syntax") =>
        new("SyntaxError", message) { Line = line };

    private List<Token> Run()
    {
        var lineStart = true;
        var prevEndsBlock = false;
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (lineStart && _brackets.Count == 0)
            {
                var indent = 0;
                while (_pos < _src.Length && (_src[_pos] == ' ' || _src[_pos] == '\t'))
                {
                    indent++;
                    _pos++;
                }
                if (_pos >= _src.Length)
                    break;
                c = _src[_pos];
                if (c is '\n' or '\r' or '#')
                {
                    SkipToLineEnd();
                    continue;
                }
                // An indented line is only valid after a line that opens a block; once a block has
                // been opened, indentation is the parser's business (blocks are not runnable anyway).
                if (indent > 0 && !prevEndsBlock && !_blockSeen)
                    throw new PyException("IndentationError", "unexpected indent") { Line = _line };
                _pendingIndent = indent;
                lineStart = false;
                _atLineStart = true;
            }
            if (c is ' ' or '\t' or '\f')
            {
                _pos++;
                continue;
            }
            if (c == '#')
            {
                while (_pos < _src.Length && _src[_pos] != '\n')
                    _pos++;
                continue;
            }
            if (c == '\\' && _pos + 1 < _src.Length && (_src[_pos + 1] == '\n' || _src[_pos + 1] == '\r'))
            {
                _pos += _src[_pos + 1] == '\r' && _pos + 2 < _src.Length && _src[_pos + 2] == '\n' ? 3 : 2;
                _line++;
                continue;
            }
            if (c is '\n' or '\r')
            {
                _pos += c == '\r' && _pos + 1 < _src.Length && _src[_pos + 1] == '\n' ? 2 : 1;
                if (_brackets.Count == 0)
                {
                    if (_tokens.Count > 0 && _tokens[^1].Kind != TokenKind.Newline)
                    {
                        prevEndsBlock = _tokens[^1].Text == ":";
                        _blockSeen |= prevEndsBlock;
                        Add(TokenKind.Newline, "\n", null, _pos, _pos);
                    }
                    lineStart = true;
                }
                _line++;
                continue;
            }
            var start = _pos;
            if (char.IsAsciiLetter(c) || c == '_' || c > 0x7F)
            {
                while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] == '_' || _src[_pos] > 0x7F))
                    _pos++;
                var word = _src[start.._pos];
                if (_pos < _src.Length && (_src[_pos] == '\'' || _src[_pos] == '"') && IsStringPrefix(word))
                {
                    LexString(start, word.ToLowerInvariant());
                    continue;
                }
                Add(TokenKind.Name, word, null, start, _pos);
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1])))
            {
                LexNumber(start);
                continue;
            }
            if (c is '\'' or '"')
            {
                LexString(start, "");
                continue;
            }
            LexOp(start, c);
        }
        if (_brackets.Count > 0 && !_partial)
            throw Syntax(_line);
        if (_tokens.Count > 0 && _tokens[^1].Kind != TokenKind.Newline)
            Add(TokenKind.Newline, "\n", null, _pos, _pos);
        Add(TokenKind.End, "", null, _pos, _pos);
        return _tokens;
    }

    private int _pendingIndent;
    private bool _atLineStart;
    private bool _blockSeen;

    private void SkipToLineEnd()
    {
        while (_pos < _src.Length && _src[_pos] != '\n')
            _pos++;
        if (_pos < _src.Length)
        {
            _pos++;
            _line++;
        }
    }

    private void Add(TokenKind kind, string text, object? value, int start, int end)
    {
        _tokens.Add(new Token(kind, text, value, _line, start, end, _atLineStart, _pendingIndent));
        _atLineStart = false;
    }

    private static bool IsStringPrefix(string w) =>
        w.ToLowerInvariant() is "b" or "r" or "rb" or "br" or "f" or "rf" or "fr" or "u";

    private void LexOp(int start, char c)
    {
        const string twoOps = "== != <= >= ** // << >> += -= *= /= %= &= |= ^= -> := @=";
        if (_pos + 2 < _src.Length && _src.Substring(_pos, 3) is "**=" or "//=" or ">>=" or "<<=" or "...")
        {
            _pos += 3;
            Add(TokenKind.Op, _src[start.._pos], null, start, _pos);
            return;
        }
        if (_pos + 1 < _src.Length && twoOps.Split(' ').Contains(_src.Substring(_pos, 2)))
        {
            _pos += 2;
            Add(TokenKind.Op, _src[start.._pos], null, start, _pos);
            return;
        }
        switch (c)
        {
            case '(' or '[' or '{':
                _brackets.Push(c);
                break;
            case ')' or ']' or '}':
                var open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (_brackets.Count == 0 || _brackets.Pop() != open)
                    throw Syntax(_line);
                break;
            case '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=' or '.' or ',' or ':' or ';' or '@' or '&' or '|' or '^' or '~':
                break;
            default:
                throw Syntax(_line);
        }
        _pos++;
        Add(TokenKind.Op, c.ToString(), null, start, _pos);
    }

    private void LexNumber(int start)
    {
        var s = _src;
        if (s[_pos] == '0' && _pos + 1 < s.Length && "xXoObB".Contains(s[_pos + 1]))
        {
            var radix = char.ToLowerInvariant(s[_pos + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < s.Length && (char.IsAsciiHexDigit(s[_pos]) || s[_pos] == '_'))
                _pos++;
            BigInteger value = 0;
            foreach (var ch in s[digitsStart.._pos].Replace("_", ""))
            {
                var d = int.Parse(ch.ToString(), System.Globalization.NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (d >= radix)
                    throw Syntax(_line);
                value = value * radix + d;
            }
            if (_pos == digitsStart)
                throw Syntax(_line);
            Add(TokenKind.Number, s[start.._pos], value, start, _pos);
            return;
        }
        var isFloat = false;
        while (_pos < s.Length && (char.IsAsciiDigit(s[_pos]) || s[_pos] == '_'))
            _pos++;
        if (_pos < s.Length && s[_pos] == '.')
        {
            isFloat = true;
            _pos++;
            while (_pos < s.Length && (char.IsAsciiDigit(s[_pos]) || s[_pos] == '_'))
                _pos++;
        }
        if (_pos < s.Length && (s[_pos] == 'e' || s[_pos] == 'E'))
        {
            isFloat = true;
            _pos++;
            if (_pos < s.Length && (s[_pos] == '+' || s[_pos] == '-'))
                _pos++;
            while (_pos < s.Length && char.IsAsciiDigit(s[_pos]))
                _pos++;
        }
        if (_pos < s.Length && (s[_pos] == 'j' || s[_pos] == 'J'))
        {
            _pos++;
            Add(TokenKind.Number, s[start.._pos], new PyOpaque("complex"), start, _pos);
            return;
        }
        var text = s[start.._pos].Replace("_", "");
        object value2;
        if (isFloat && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
            value2 = f;
        else if (!isFloat && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            value2 = n;
        else
            throw Syntax(_line, "invalid syntax for number");
        Add(TokenKind.Number, s[start.._pos], value2, start, _pos);
    }

    // \xHH or \uHHHH: exactly that many hex digits, else the literal is invalid.
    private int HexEscape(int digits, int line)
    {
        if (_pos + digits > _src.Length
            || !int.TryParse(_src.AsSpan(_pos, digits), System.Globalization.NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            throw Syntax(line, "invalid \\x escape");
        _pos += digits;
        return value;
    }

    private void LexString(int start, string prefix)
    {
        var s = _src;
        var q = s[_pos];
        var triple = _pos + 2 < s.Length && s[_pos + 1] == q && s[_pos + 2] == q;
        _pos += triple ? 3 : 1;
        var raw = prefix.Contains('r');
        var isBytes = prefix.Contains('b');
        var sb = new StringBuilder();
        var startLine = _line;
        while (true)
        {
            if (_pos >= s.Length)
            {
                if (_partial)
                {
                    _pos = s.Length;
                    return;
                }
                throw Syntax(startLine);
            }
            var c = s[_pos];
            if (c == q && (!triple || (_pos + 2 < s.Length && s[_pos + 1] == q && s[_pos + 2] == q)))
            {
                _pos += triple ? 3 : 1;
                break;
            }
            if (c == '\n')
            {
                if (!triple)
                    throw Syntax(startLine);
                _line++;
            }
            if (c == '\\' && _pos + 1 < s.Length)
            {
                var n = s[_pos + 1];
                if (raw)
                {
                    sb.Append(c).Append(n);
                    _pos += 2;
                    if (n == '\n')
                        _line++;
                    continue;
                }
                _pos += 2;
                switch (n)
                {
                    case '\n': _line++; break;
                    case '\\' or '\'' or '"': sb.Append(n); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case '0': sb.Append('\0'); break;
                    case 'a': sb.Append('\a'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'v': sb.Append('\v'); break;
                    case 'x':
                        sb.Append((char)HexEscape(2, startLine));
                        break;
                    case 'u' when !isBytes:
                        sb.Append((char)HexEscape(4, startLine));
                        break;
                    default: sb.Append('\\').Append(n); break;
                }
                continue;
            }
            sb.Append(c);
            _pos++;
        }
        var text = sb.ToString();
        if (prefix.Contains('f'))
        {
            Add(TokenKind.Str, s[start.._pos], new PyOpaque("f-string"), start, _pos);
            return;
        }
        if (isBytes)
        {
            var bytes = new byte[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] > 0xFF)
                    throw Syntax(startLine, "bytes can only contain ASCII literal characters");
                bytes[i] = (byte)text[i];
            }
            Add(TokenKind.Bytes, s[start.._pos], bytes, start, _pos);
        }
        else
        {
            Add(TokenKind.Str, s[start.._pos], text, start, _pos);
        }
    }
}
