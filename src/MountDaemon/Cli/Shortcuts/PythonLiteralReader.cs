using System.Globalization;
using System.Text;

namespace Mpyd.MountDaemon.Cli.Shortcuts;

/// <summary>
/// Reads a Python literal (dict, list, tuple, str, number, True/False/None) as data, for the
/// "commands = {...}" of an mpremote config.py. Nothing is ever executed: anything that is not a
/// literal (a call, a name, an f-string) is a <see cref="FormatException"/> with its line.
/// Values: string, long/double, bool, null, List&lt;object?&gt;, Dictionary&lt;string, object?&gt;.
/// </summary>
internal sealed class PythonLiteralReader
{
    private readonly string _text;
    private int _at;

    private PythonLiteralReader(string text, int at)
    {
        _text = text;
        _at = at;
    }

    /// <summary>
    /// The value assigned to <paramref name="name"/> by an unindented "name = ..." line (the last
    /// one, as when Python runs the file); <paramref name="found"/> is false when there is none.
    /// </summary>
    public static object? ReadAssignment(string source, string name, out bool found)
    {
        var text = source.Replace("\r\n", "\n");
        found = false;
        object? value = null;
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            if (line.StartsWith(name, StringComparison.Ordinal) && line[name.Length..].TrimStart() is var after
                && after.StartsWith("=") && !after.StartsWith("=="))
            {
                var reader = new PythonLiteralReader(text, lineStart + line.IndexOf('='));
                reader._at++;
                value = reader.ReadValue();
                reader.SkipSpace(insideBrackets: false);
                if (reader.Peek() is not '\n' and not '\0' and not ';' and not '#')
                    throw reader.Error("expected the end of the line after the value");
                found = true;
                lineEnd = text.IndexOf('\n', reader._at) is var end and >= 0 ? end : text.Length;
            }
            lineStart = lineEnd + 1;
        }
        return value;
    }

    private object? ReadValue()
    {
        SkipSpace(insideBrackets: false);
        if (_at >= _text.Length)
            throw Error("expected a value");
        var c = _text[_at];
        switch (c)
        {
            case '{':
                return ReadDict();
            case '[':
                return ReadSequence('[', ']');
            case '(':
                return ReadSequence('(', ')');
            case '"' or '\'':
                return ReadStrings();
        }
        if ((c is 'r' or 'R' or 'u' or 'U') && _at + 1 < _text.Length && _text[_at + 1] is '"' or '\'')
            return ReadStrings();
        if (char.IsAsciiDigit(c) || c is '-' or '+' or '.')
            return ReadNumber();
        var word = ReadWord();
        return word switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw Error($"'{word}' is not a literal (mpyd reads config.py as data and never runs it)"),
        };
    }

    private Dictionary<string, object?> ReadDict()
    {
        _at++; // {
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace(insideBrackets: true);
            if (Peek() == '}')
            {
                _at++;
                return dict;
            }
            var keyAt = _at;
            if (ReadValue() is not string key)
            {
                _at = keyAt;
                throw Error("dictionary keys must be strings");
            }
            SkipSpace(insideBrackets: true);
            Expect(':');
            dict[key] = ReadValueInBrackets();
            SkipSpace(insideBrackets: true);
            if (Peek() == ',')
                _at++;
            else if (Peek() != '}')
                throw Error("expected ',' or '}'");
        }
    }

    private List<object?> ReadSequence(char open, char close)
    {
        _at++;
        var list = new List<object?>();
        while (true)
        {
            SkipSpace(insideBrackets: true);
            if (Peek() == close)
            {
                _at++;
                return list;
            }
            list.Add(ReadValueInBrackets());
            SkipSpace(insideBrackets: true);
            if (Peek() == ',')
                _at++;
            else if (Peek() != close)
                throw Error($"expected ',' or '{close}'");
        }
    }

    private object? ReadValueInBrackets()
    {
        SkipSpace(insideBrackets: true);
        return ReadValue();
    }

    // Adjacent string literals join, as in Python ("a" "b" == "ab").
    private string ReadStrings()
    {
        var text = new StringBuilder();
        do
        {
            text.Append(ReadString());
            var save = _at;
            SkipSpace(insideBrackets: true);
            if (!StartsString())
            {
                _at = save;
                break;
            }
        }
        while (true);
        return text.ToString();
    }

    private bool StartsString()
    {
        var c = Peek();
        return c is '"' or '\'' || ((c is 'r' or 'R' or 'u' or 'U') && _at + 1 < _text.Length && _text[_at + 1] is '"' or '\'');
    }

    private string ReadString()
    {
        var raw = false;
        if (_text[_at] is 'r' or 'R')
        {
            raw = true;
            _at++;
        }
        else if (_text[_at] is 'u' or 'U')
        {
            _at++;
        }
        var quote = _text[_at];
        var triple = _at + 2 < _text.Length && _text[_at + 1] == quote && _text[_at + 2] == quote;
        _at += triple ? 3 : 1;
        var result = new StringBuilder();
        while (true)
        {
            if (_at >= _text.Length)
                throw Error("unterminated string");
            var c = _text[_at];
            if (c == quote && (!triple || (_at + 2 < _text.Length && _text[_at + 1] == quote && _text[_at + 2] == quote)))
            {
                _at += triple ? 3 : 1;
                return result.ToString();
            }
            if (c == '\n' && !triple)
                throw Error("unterminated string");
            if (c == '\\' && _at + 1 < _text.Length)
            {
                if (raw)
                {
                    result.Append(c).Append(_text[_at + 1]);
                    _at += 2;
                    continue;
                }
                _at++;
                result.Append(ReadEscape());
                continue;
            }
            result.Append(c);
            _at++;
        }
    }

    private string ReadEscape()
    {
        var c = _text[_at++];
        switch (c)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case '0': return "\0";
            case '\\': return "\\";
            case '\'': return "'";
            case '"': return "\"";
            case '\n': return "";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case 'x': return HexEscape(2);
            case 'u': return HexEscape(4);
            case 'U': return HexEscape(8);
            default: return "\\" + c;
        }
    }

    private string HexEscape(int digits)
    {
        if (_at + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_at, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            throw Error("bad \\x/\\u escape");
        _at += digits;
        return char.ConvertFromUtf32(code);
    }

    private object ReadNumber()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '+' or '_'))
            _at++;
        var token = _text[start.._at].Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return integer;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            return real;
        _at = start;
        throw Error($"'{token}' is not a number");
    }

    private string ReadWord()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '_'))
            _at++;
        if (_at == start)
            _at++;
        return _text[start.._at];
    }

    // Inside brackets newlines and comments are white space; outside, only a backslash continues a line.
    private void SkipSpace(bool insideBrackets)
    {
        while (_at < _text.Length)
        {
            var c = _text[_at];
            if (c is ' ' or '\t' or '\f' || (insideBrackets && c is '\n' or '\r'))
                _at++;
            else if (c == '\\' && _at + 1 < _text.Length && _text[_at + 1] == '\n')
                _at += 2;
            else if (c == '#' && insideBrackets)
                while (_at < _text.Length && _text[_at] != '\n')
                    _at++;
            else
                return;
        }
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private void Expect(char c)
    {
        if (Peek() != c)
            throw Error($"expected '{c}'");
        _at++;
    }

    private FormatException Error(string what)
    {
        var line = 1 + _text.AsSpan(0, Math.Min(_at, _text.Length)).Count('\n');
        return new FormatException($"line {line}: {what}");
    }
}
