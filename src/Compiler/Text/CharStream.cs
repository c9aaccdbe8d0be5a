namespace Mpyd.Compiler.Text;

/// <summary>
/// The lexer's input: source bytes after the reference's byte rules (NUL becomes 0x01, CR and CRLF become LF,
/// a final LF is added to a non-empty file), with line/column tracking and text insertion in front of the
/// unread input (used for the f-string rewrite). 0 means end of input.
/// </summary>
internal sealed class CharStream
{
    private readonly byte[] _buf;
    private readonly int _len;
    private int _pos;

    // Text inserted in front of the unread input (f-string arguments); consumed before _buf resumes.
    private byte[] _ins = [];
    private int _insPos;

    public CharStream(ReadOnlySpan<byte> source)
    {
        var buf = new byte[source.Length + 1];
        int n = 0;
        for (int i = 0; i < source.Length; i++)
        {
            byte b = source[i];
            if (b == 0)
            {
                buf[n++] = 1;
            }
            else if (b == '\r')
            {
                buf[n++] = (byte)'\n';
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                buf[n++] = b;
            }
        }
        if (n > 0 && buf[n - 1] != '\n')
        {
            buf[n++] = (byte)'\n';
        }
        _buf = buf;
        _len = n;
    }

    public int Line { get; private set; } = 1;

    public int Column { get; private set; } = 1;

    public bool AtEnd => _insPos >= _ins.Length && _pos >= _len;

    public int Cur => Peek(0);

    public int Next1 => Peek(1);

    public int Next2 => Peek(2);

    private int Peek(int k)
    {
        int inserted = _ins.Length - _insPos;
        if (k < inserted)
        {
            return _ins[_insPos + k];
        }
        int i = _pos + k - inserted;
        return i < _len ? _buf[i] : 0;
    }

    public bool Is(char c) => Cur == c;

    public void Advance()
    {
        int c;
        if (_insPos < _ins.Length)
        {
            c = _ins[_insPos++];
        }
        else if (_pos < _len)
        {
            c = _buf[_pos++];
        }
        else
        {
            return;
        }
        if (c == '\n')
        {
            Line++;
            Column = 1;
        }
        else if (c == '\t')
        {
            Column = (((Column - 1) / 8) + 1) * 8 + 1;
        }
        else
        {
            Column++;
        }
    }

    /// <summary>Places <paramref name="text"/> in front of all unread input.</summary>
    public void Insert(ReadOnlySpan<byte> text)
    {
        // Only the unread part of earlier inserted text is copied, never the rest of the file.
        var rest = _ins.AsSpan(_insPos);
        var nb = new byte[text.Length + rest.Length];
        text.CopyTo(nb);
        rest.CopyTo(nb.AsSpan(text.Length));
        _ins = nb;
        _insPos = 0;
    }
}
