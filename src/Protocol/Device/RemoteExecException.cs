using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.Protocol.Device;

/// <summary>Code run on the board raised an exception; carries what it printed and the traceback.</summary>
public sealed partial class RemoteExecException : DeviceException
{
    public RemoteExecException(string device, byte[] stdout, string stderr)
        : base($"{LastLine(stderr)} (on {device})", "see the traceback from the board")
    {
        Device = device;
        Stdout = stdout;
        Stderr = stderr;
    }

    public string Device { get; }

    /// <summary>What the code printed before failing.</summary>
    public byte[] Stdout { get; }

    /// <summary>The board's traceback text.</summary>
    public string Stderr { get; }

    /// <summary>The last line of the traceback, e.g. "OSError: [Errno 2] ENOENT".</summary>
    public string ErrorLine => LastLine(Stderr);

    /// <summary>
    /// The errno of an OSError, from "[Errno N]", an errno name, or a bare "OSError: N"; null otherwise.
    /// </summary>
    public int? OsErrno
    {
        get
        {
            var line = ErrorLine;
            if (!line.StartsWith("OSError", StringComparison.Ordinal))
                return null;
            var m = ErrnoNumber().Match(line);
            if (m.Success)
                return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            foreach (var name in Enum.GetNames<Errno>())
            {
                if (Regex.IsMatch(line, $@"\b{name}\b"))
                    return (int)Enum.Parse<Errno>(name);
            }
            return null;
        }
    }

    [GeneratedRegex(@"^OSError:\s*(?:\[Errno\s+)?(-?\d+)")]
    private static partial Regex ErrnoNumber();

    private static string LastLine(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "the code failed without a traceback" : lines[^1];
    }

    /// <summary>Stdout decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string StdoutText => Encoding.UTF8.GetString(Stdout);
}
