using Mpyd.Compiler.Diagnostics;

namespace Mpyd.Compiler.Lexing;

internal sealed partial class Lexer
{
    private bool IsStringStart() => PrefixLength() >= 0;

    /// <summary>Length of the literal prefix at the cursor (0 for a bare quote), or -1 when no literal starts here.</summary>
    private int PrefixLength()
    {
        int c0 = _s.Cur, c1 = _s.Next1, c2 = _s.Next2;
        static bool Q(int c) => c == '\'' || c == '"';
        if (Q(c0))
        {
            return 0;
        }
        if ((c0 == 'r' || c0 == 'u' || c0 == 'b' || c0 == 'f' || c0 == 't') && Q(c1))
        {
            return 1;
        }
        if (Q(c2))
        {
            string p = $"{(char)c0}{(char)c1}";
            if (p is "rb" or "br" or "rf" or "fr" or "rt" or "tr")
            {
                return 2;
            }
        }
        return -1;
    }

    private void ReadStringGroup()
    {
        _kind = TokenKind.End;
        bool hadT = false;
        do
        {
            int n = PrefixLength();
            bool raw = false, isF = false, isT = false;
            var kind = TokenKind.String;
            for (int i = 0; i < n; i++)
            {
                int c = i == 0 ? _s.Cur : _s.Next1;
                if (c == 'r') { raw = true; }
                else if (c == 'b') { kind = TokenKind.Bytes; }
                else if (c == 'f') { isF = true; }
                else if (c == 't') { isT = true; }
            }
            if (_kind == TokenKind.End)
            {
                _kind = kind;
            }
            else if (_kind != kind)
            {
                break;
            }
            for (int i = 0; i < n; i++)
            {
                _s.Advance();
            }
            hadT |= isT;
            ReadStringBody(raw, isF, isT);
            SkipWhitespace(stopAtNewline: true);
        }
        while (IsStringStart());

        if (hadT)
        {
            _text.AddRange(",),"u8);
            _fargs.InsertRange(0, _text);
            if (_kind > TokenKind.MalformedFString)
            {
                _kind = TokenKind.Name;
                _text.Clear();
                _text.AddRange("__template__"u8);
            }
        }
        if (_fargs.Count > 0)
        {
            _fargs.Add((byte)')');
            _s.Insert([.. _fargs]);
            _fargs.Clear();
        }
    }

    private void ReadStringBody(bool raw, bool isF, bool isT)
    {
        byte quote = (byte)_s.Cur;
        _s.Advance();
        int numQuotes = 1;
        if (_s.Cur == quote && _s.Next1 == quote)
        {
            _s.Advance();
            _s.Advance();
            numQuotes = 3;
        }
        if (isF && _fargs.Count == 0)
        {
            _fargs.AddRange(".format("u8);
        }
        if (isT && _fargs.Count == 0)
        {
            _text.Add((byte)'(');
            _text.Add((byte)'(');
            _text.AddRange(Enumerable.Repeat(quote, numQuotes));
        }
        var t = new TState();
        int closing = 0;
        while (!_s.AtEnd && (numQuotes > 1 || _s.Cur != '\n') && closing < numQuotes)
        {
            if (_s.Cur == quote)
            {
                closing++;
                _text.Add((byte)_s.Cur);
                _s.Advance();
                continue;
            }
            if (isT && _s.Cur == '\n')
            {
                _text.Add((byte)'\\');
                _text.Add((byte)'n');
                _s.Advance();
                continue;
            }
            closing = 0;
            if ((isF || isT) && _s.Cur == '{' && !(isT && t.Nested > 0))
            {
                _s.Advance();
                if (_s.Cur == '{')
                {
                    if (!isT)
                    {
                        _text.Add((byte)'{');
                    }
                    _s.Advance();
                }
                else
                {
                    ReadFStringField(isT, quote, numQuotes, ref t);
                }
                _text.Add((byte)'{');
                continue;
            }
            if (isT && t.Nested > 0 && _s.Cur == '{')
            {
                t.Nested++;
                _text.Add((byte)'{');
            }
            else if (isT && _s.Cur == '\\')
            {
                _text.Add((byte)'\\');
                if (raw)
                {
                    _text.Add((byte)'\\');
                }
                else
                {
                    _s.Advance();
                    _text.Add((byte)_s.Cur);
                }
            }
            else if (_s.Cur == '\\')
            {
                _s.Advance();
                int c = _s.Cur;
                if (raw)
                {
                    _text.Add((byte)'\\');
                }
                else if (!DecodeEscape(ref c))
                {
                    _s.Advance();
                    continue;
                }
                WriteValue(c);
            }
            else if (isT && t.Nested > 0 && _s.Cur == '}')
            {
                if (--t.Nested > 0)
                {
                    t.NeedsF = true;
                    _text.Add((byte)'}');
                }
                else
                {
                    t.Count++;
                    if (t.NeedsF)
                    {
                        _fargs.Add((byte)'f');
                        t.NeedsF = false;
                    }
                    _fargs.Add(quote);
                    for (int i = t.FormatStart + 1; i < _text.Count; i++)
                    {
                        _fargs.Add(_text[i]);
                    }
                    _text.RemoveRange(t.FormatStart, _text.Count - t.FormatStart);
                    _fargs.Add(quote);
                    _fargs.Add((byte)',');
                }
            }
            else
            {
                _text.Add((byte)_s.Cur);
                if (isT && _s.Cur == '}')
                {
                    if (_s.Next1 == '}')
                    {
                        _s.Advance();
                    }
                    else
                    {
                        _kind = TokenKind.MalformedFString;
                    }
                }
            }
            _s.Advance();
        }
        if (closing < numQuotes)
        {
            _kind = TokenKind.LonelyStringOpen;
        }
        if (isT)
        {
            if (t.Nested > 0)
            {
                _kind = TokenKind.MalformedFString;
            }
            if (1 + (t.Count * 4) > 255)
            {
                _fargs.Insert(0, (byte)'(');
                _fargs.Add((byte)')');
            }
        }
        else
        {
            _text.RemoveRange(_text.Count - closing, closing);
        }
    }

    /// <summary>t-string state of one literal: format-spec depth and where the spec starts in the text.</summary>
    private struct TState
    {
        public int Nested;
        public int FormatStart;
        public bool NeedsF;
        public int Count;
    }

    private void ReadFStringField(bool isT, byte quote, int numQuotes, ref TState t)
    {
        _fargs.Add((byte)'(');
        int start = _fargs.Count;
        uint depth = 0;
        while (!_s.AtEnd)
        {
            int c = _s.Cur;
            if (depth == 0 && (c == ':' || c == '}'
                || (c == '!' && (_s.Next1 == 'r' || _s.Next1 == 's') && (_s.Next2 == ':' || _s.Next2 == '}'))))
            {
                break;
            }
            if (c == '[' || c == '{')
            {
                depth++;
            }
            else if (c == ']' || c == '}')
            {
                depth--;
            }
            _fargs.Add((byte)c);
            _s.Advance();
        }
        bool debug = false;
        if (_fargs[^1] == '=')
        {
            for (int i = start; i < _fargs.Count; i++)
            {
                _text.Add(_fargs[i]);
            }
            _fargs.RemoveAt(_fargs.Count - 1);
            debug = true;
        }
        if (isT)
        {
            while (_fargs.Count > 0 && _fargs[^1] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r')
            {
                _fargs.RemoveAt(_fargs.Count - 1);
            }
        }
        if (_fargs.Count == start)
        {
            _kind = TokenKind.MalformedFString;
        }
        _fargs.Add((byte)')');
        _fargs.Add((byte)',');
        if (!isT)
        {
            return;
        }
        _fargs.Add(quote);
        int exprLen = _fargs.Count - start - 3;
        for (int j = 0; j < exprLen; j++)
        {
            byte b = _fargs[start + j];
            if (b == quote || b == '\\')
            {
                _fargs.Add((byte)'\\');
            }
            _fargs.Add(b);
        }
        _fargs.Add(quote);
        _fargs.Add((byte)',');
        _text.AddRange(Enumerable.Repeat(quote, numQuotes));
        _text.Add((byte)',');
        _text.AddRange(Enumerable.Repeat(quote, numQuotes));
        if (_s.Cur == '!')
        {
            _s.Advance();
            _fargs.Add(quote);
            _fargs.Add((byte)_s.Cur);
            _fargs.Add(quote);
            _fargs.Add((byte)',');
            _s.Advance();
        }
        else if (debug && _s.Cur != ':')
        {
            _fargs.AddRange("'r',"u8);
        }
        else
        {
            _fargs.AddRange("None,"u8);
        }
        if (_s.Cur == ':')
        {
            _s.Advance();
        }
        t.Nested = 1;
        t.FormatStart = _text.Count;
    }

    /// <summary>Decodes the escape whose character is <paramref name="c"/>; false when nothing is to be written.</summary>
    private bool DecodeEscape(ref int c)
    {
        switch (c)
        {
            case '\n':
                return false;
            case '\\' or '\'' or '"':
                return true;
            case 'a': c = 7; return true;
            case 'b': c = 8; return true;
            case 't': c = 9; return true;
            case 'n': c = 10; return true;
            case 'v': c = 11; return true;
            case 'f': c = 12; return true;
            case 'r': c = 13; return true;
            case 'N':
                throw new CompileErrorException("NotImplementedError", "unicode name escapes", 0);
        }
        if ((c == 'u' || c == 'U') && _kind == TokenKind.Bytes)
        {
            _text.Add((byte)'\\');
            return true;
        }
        if (c == 'x' || c == 'u' || c == 'U')
        {
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            long num = 0;
            for (int i = 0; i < digits; i++)
            {
                _s.Advance();
                int h = HexValue(_s.Cur);
                if (h < 0)
                {
                    _kind = TokenKind.Invalid;
                    num = 0;
                    break;
                }
                num = (num * 16) + h;
            }
            c = (int)Math.Min(num, int.MaxValue);
            return true;
        }
        if (c >= '0' && c <= '7')
        {
            int num = c - '0';
            int left = 3;
            while (_s.Next1 >= '0' && _s.Next1 <= '7' && --left != 0)
            {
                _s.Advance();
                num = (num * 8) + (_s.Cur - '0');
            }
            c = num;
            return true;
        }
        _text.Add((byte)'\\');
        return true;
    }

    private static int HexValue(int c) =>
        c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;

    private void WriteValue(int v)
    {
        if (_kind == TokenKind.String && v >= 0 && v < 0x110000)
        {
            AppendUtf8(v);
        }
        else if (_kind == TokenKind.Bytes && v >= 0 && v < 0x100)
        {
            _text.Add((byte)v);
        }
        else
        {
            _kind = TokenKind.Invalid;
        }
    }

    private void AppendUtf8(int v)
    {
        if (v < 0x80)
        {
            _text.Add((byte)v);
        }
        else if (v < 0x800)
        {
            _text.Add((byte)(0xC0 | (v >> 6)));
            _text.Add((byte)(0x80 | (v & 0x3F)));
        }
        else if (v < 0x10000)
        {
            _text.Add((byte)(0xE0 | (v >> 12)));
            _text.Add((byte)(0x80 | ((v >> 6) & 0x3F)));
            _text.Add((byte)(0x80 | (v & 0x3F)));
        }
        else
        {
            _text.Add((byte)(0xF0 | (v >> 18)));
            _text.Add((byte)(0x80 | ((v >> 12) & 0x3F)));
            _text.Add((byte)(0x80 | ((v >> 6) & 0x3F)));
            _text.Add((byte)(0x80 | (v & 0x3F)));
        }
    }
}
