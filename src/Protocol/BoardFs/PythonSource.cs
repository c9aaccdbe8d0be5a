using System.Globalization;
using System.Text;

namespace Mpyd.Protocol.BoardFs;

/// <summary>
/// Python literals for generated board code. The output never contains a control byte (the raw
/// REPL reads 0x01-0x04 as commands), and any string round-trips: quotes, backslashes, newlines
/// and non-ASCII text (sent as UTF-8) included.
/// </summary>
public static class PythonSource
{
    /// <summary>A single-quoted str literal.</summary>
    /// <exception cref="ArgumentException">The string is not valid UTF-16 (a lone surrogate has no UTF-8 form).</exception>
    public static string Str(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('\'');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    throw new ArgumentException($"the string has a lone surrogate at index {i}; it cannot be sent as UTF-8", nameof(value));
                sb.Append(c).Append(value[++i]);
                continue;
            }
            AppendEscaped(sb, c);
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>A single-quoted bytes literal.</summary>
    public static string Bytes(ReadOnlySpan<byte> value)
    {
        var sb = new StringBuilder(value.Length + 3);
        AppendBytes(sb, value);
        return sb.ToString();
    }

    /// <summary>Appends a single-quoted bytes literal.</summary>
    public static void AppendBytes(StringBuilder sb, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        sb.Append("b'");
        foreach (var b in value)
        {
            if (b >= 0x80)
                sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
            else
                AppendEscaped(sb, (char)b);
        }
        sb.Append('\'');
    }

    /// <summary>Length of <see cref="Bytes"/>'s result, without building it.</summary>
    public static int BytesLength(ReadOnlySpan<byte> value)
    {
        var n = 3;
        foreach (var b in value)
        {
            n += b switch
            {
                (byte)'\\' or (byte)'\'' or (byte)'\n' or (byte)'\r' or (byte)'\t' => 2,
                >= 0x20 and < 0x7f => 1,
                _ => 4,
            };
        }
        return n;
    }

    private static void AppendEscaped(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '\\': sb.Append("\\\\"); break;
            case '\'': sb.Append("\\'"); break;
            case '\n': sb.Append("\\n"); break;
            case '\r': sb.Append("\\r"); break;
            case '\t': sb.Append("\\t"); break;
            case < ' ' or '\x7f':
                sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(c);
                break;
        }
    }
}
