namespace Mpyd.MountDaemon.Serving;

/// <summary>What an open() mode string asks for, parsed by CPython's rules.</summary>
internal enum OpenKind
{
    Read,
    Write,
    Append,
    Exclusive,
}

/// <summary>A parsed mode string: exactly one of r w a x, at most one '+', at most one of b t.</summary>
internal readonly record struct OpenMode(OpenKind Kind, bool Plus, bool Binary)
{
    public bool Text => !Binary;

    public bool Readable => Kind == OpenKind.Read || Plus;

    public bool Writable => Kind != OpenKind.Read || Plus;

    /// <summary>False for anything CPython's open() would refuse with ValueError.</summary>
    public static bool TryParse(string mode, out OpenMode result)
    {
        result = default;
        OpenKind? kind = null;
        bool plus = false, binary = false, text = false;
        foreach (var c in mode)
        {
            switch (c)
            {
                case 'r' or 'w' or 'a' or 'x':
                    if (kind is not null)
                        return false;
                    kind = c switch { 'r' => OpenKind.Read, 'w' => OpenKind.Write, 'a' => OpenKind.Append, _ => OpenKind.Exclusive };
                    break;
                case '+' when !plus:
                    plus = true;
                    break;
                case 'b' when !binary && !text:
                    binary = true;
                    break;
                case 't' when !binary && !text:
                    text = true;
                    break;
                default:
                    return false;
            }
        }
        if (kind is null)
            return false;
        result = new OpenMode(kind.Value, plus, binary);
        return true;
    }
}
