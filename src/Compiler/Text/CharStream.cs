namespace Mpyd.Compiler.Text;

/// <summary>
/// The lexer's input: source bytes after the reference's byte rules (NUL becomes 0x01, CR and CRLF become LF,
/// a final LF is added to a non-empty file), with line/column tracking and text insertion in front of the
/// unread input (used for the f-string rewrite). 0 means end of input.
/// </summary>
internal sealed class CharStream
{
    private byte[] _buf;
    private int _pos;

    public CharStream(ReadOnlySpan<byte> source)
    {
        var list = new List<byte>(source.Length + 1);
        for (int i = 0; i < source.Length; i++)
        {
            byte b = source[i];
            if (b == 0)
            {
                list.Add(1);
            }
            else if (b == '\r')
            {
                list.Add((byte)'\n');
                if (i + 1 < source.Length && source[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                list.Add(b);
            }
        }
        if (list.Count > 0 && list[^1] != '\n')
        {
            list.Add((byte)'\n');
        }
        _buf = [.. list];
    }

    public int Line { get; private set; } = 1;

    public int Column { get; private set; } = 1;

    public bool AtEnd => _pos >= _buf.Length;

    public int Cur => _pos < _buf.Length ? _buf[_pos] : 0;

    public int Next1 => _pos + 1 < _buf.Length ? _buf[_pos + 1] : 0;

    public int Next2 => _pos + 2 < _buf.Length ? _buf[_pos + 2] : 0;

    public bool Is(char c) => Cur == c;

    public void Advance()
    {
        if (_pos >= _buf.Length)
        {
            return;
        }
        int c = _buf[_pos++];
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
        var nb = new byte[text.Length + _buf.Length - _pos];
        text.CopyTo(nb);
        _buf.AsSpan(_pos).CopyTo(nb.AsSpan(text.Length));
        _buf = nb;
        _pos = 0;
    }
}
