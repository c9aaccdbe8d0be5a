using System.Globalization;
using System.Numerics;
using System.Text;

namespace Mpyd.Protocol.Repl;

/// <summary>
/// Parses the repr() of Python values as MicroPython prints them: None, True/False, int (long, or
/// BigInteger when it does not fit), float (double, inf, nan), str (string), bytes (byte[]),
/// tuple (object?[]), list (List&lt;object?&gt;), dict (Dictionary&lt;object, object?&gt;).
/// </summary>
public static class PythonLiteral
{
    /// <exception cref="FormatException">Not a literal of those kinds, or trailing text.</exception>
    public static object? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var value = parser.Value();
        parser.SkipSpace();
        if (!parser.AtEnd)
            throw parser.Error("unexpected text after the value");
        return value;
    }

    private sealed class Parser(string text)
    {
        private readonly string _text = text;
        private int _at;

        public bool AtEnd => _at >= _text.Length;

        public FormatException Error(string what) =>
            new($"not a Python literal: {what} at offset {_at} in \"{Shorten(_text)}\"");

        public void SkipSpace()
        {
            while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
                _at++;
        }

        public object? Value()
        {
            SkipSpace();
            if (AtEnd)
                throw Error("value expected");
            var c = _text[_at];
            switch (c)
            {
                case '\'' or '"':
                    return Str();
                case 'b' when _at + 1 < _text.Length && _text[_at + 1] is '\'' or '"':
                    _at++;
                    return Bytes();
                case '(':
                    return Sequence('(', ')', isTuple: true).ToArray();
                case '[':
                    return Sequence('[', ']', isTuple: false);
                case '{':
                    return Dict();
            }
            if (TryWord("None"))
                return null;
            if (TryWord("True"))
                return true;
            if (TryWord("False"))
                return false;
            return Number();
        }

        private bool TryWord(string word)
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0)
                return false;
            var end = _at + word.Length;
            if (end < _text.Length && (char.IsLetterOrDigit(_text[end]) || _text[end] == '_'))
                return false;
            _at = end;
            return true;
        }

        private object Number()
        {
            var start = _at;
            if (_at < _text.Length && _text[_at] is '-' or '+')
                _at++;
            if (TryWord("inf"))
                return _text[start] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            if (TryWord("nan"))
                return double.NaN;
            var isFloat = false;
            while (_at < _text.Length)
            {
                var c = _text[_at];
                if (char.IsAsciiDigit(c))
                {
                    _at++;
                }
                else if (c is '.' or 'e' or 'E' || (c is '-' or '+' && _text[_at - 1] is 'e' or 'E'))
                {
                    isFloat = true;
                    _at++;
                }
                else
                {
                    break;
                }
            }
            var token = _text[start.._at];
            if (token.Length == 0 || token is "-" or "+")
                throw Error("value expected");
            if (isFloat)
            {
                return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d : throw Error($"bad number '{token}'");
            }
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                return l;
            return BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)
                ? big : throw Error($"bad number '{token}'");
        }

        private string Str()
        {
            var sb = new StringBuilder();
            ReadQuoted(c => sb.Append(c), cp => sb.Append(char.ConvertFromUtf32(cp)), b => sb.Append((char)b));
            return sb.ToString();
        }

        private byte[] Bytes()
        {
            var bytes = new List<byte>();
            ReadQuoted(
                c => bytes.Add(c < 0x80 ? (byte)c : throw Error("non-ASCII character in bytes")),
                _ => throw Error("\\u escape in bytes"),
                bytes.Add);
            return [.. bytes];
        }

        // Calls plain for ordinary characters, codePoint for \u/\U, raw for \x and octal escapes.
        private void ReadQuoted(Action<char> plain, Action<int> codePoint, Action<byte> raw)
        {
            var quote = _text[_at++];
            while (true)
            {
                if (AtEnd)
                    throw Error("unterminated string");
                var c = _text[_at++];
                if (c == quote)
                    return;
                if (c != '\\')
                {
                    plain(c);
                    continue;
                }
                if (AtEnd)
                    throw Error("unterminated escape");
                var e = _text[_at++];
                switch (e)
                {
                    case 'n': plain('\n'); break;
                    case 'r': plain('\r'); break;
                    case 't': plain('\t'); break;
                    case 'a': plain('\a'); break;
                    case 'b': plain('\b'); break;
                    case 'f': plain('\f'); break;
                    case 'v': plain('\v'); break;
                    case '\\' or '\'' or '"': plain(e); break;
                    case 'x': raw((byte)Hex(2)); break;
                    case 'u': codePoint(Hex(4)); break;
                    case 'U': codePoint(Hex(8)); break;
                    case >= '0' and <= '7':
                        var value = e - '0';
                        for (var i = 0; i < 2 && !AtEnd && _text[_at] is >= '0' and <= '7'; i++)
                            value = value * 8 + (_text[_at++] - '0');
                        raw((byte)value);
                        break;
                    default:
                        plain('\\');
                        plain(e);
                        break;
                }
            }
        }

        private int Hex(int digits)
        {
            if (_at + digits > _text.Length
                || !int.TryParse(_text.AsSpan(_at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
                throw Error("bad hex escape");
            _at += digits;
            return v;
        }

        private List<object?> Sequence(char open, char close, bool isTuple)
        {
            _at++;
            var items = new List<object?>();
            var sawComma = false;
            while (true)
            {
                SkipSpace();
                if (AtEnd)
                    throw Error($"'{close}' expected");
                if (_text[_at] == close)
                {
                    _at++;
                    // "(x)" is not a tuple in repr output; a one-element tuple prints "(x,)".
                    if (isTuple && items.Count == 1 && !sawComma)
                        throw Error("one-element tuple without a comma");
                    return items;
                }
                items.Add(Value());
                SkipSpace();
                if (!AtEnd && _text[_at] == ',')
                {
                    _at++;
                    sawComma = true;
                }
                else if (AtEnd || _text[_at] != close)
                {
                    throw Error($"',' or '{close}' expected");
                }
            }
        }

        private Dictionary<object, object?> Dict()
        {
            _at++;
            var dict = new Dictionary<object, object?>(KeyComparer.Instance);
            while (true)
            {
                SkipSpace();
                if (AtEnd)
                    throw Error("'}' expected");
                if (_text[_at] == '}')
                {
                    _at++;
                    return dict;
                }
                var key = Value() ?? throw Error("None as a dict key is not supported");
                SkipSpace();
                if (AtEnd || _text[_at] != ':')
                    throw Error("':' expected");
                _at++;
                dict[key] = Value();
                SkipSpace();
                if (!AtEnd && _text[_at] == ',')
                    _at++;
                else if (AtEnd || _text[_at] != '}')
                    throw Error("',' or '}' expected");
            }
        }

        private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";
    }

    // bytes and tuple keys compare by content, like Python's.
    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => (x, y) switch
        {
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (object?[] a, object?[] b) => a.Length == b.Length && a.Zip(b).All(p => p.First is null ? p.Second is null : p.Second is not null && Equals(p.First, p.Second)),
            _ => object.Equals(x, y),
        };

        public int GetHashCode(object obj) => obj switch
        {
            byte[] a => a.Length,
            object?[] a => a.Length,
            _ => obj.GetHashCode(),
        };
    }
}
