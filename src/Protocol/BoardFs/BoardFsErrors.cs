using System.Globalization;
using System.Text.RegularExpressions;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.BoardFs;

/// <summary>Turns the board's traceback text into <see cref="BoardFsException"/>s.</summary>
internal static partial class BoardFsErrors
{
    // MicroPython's errno.errorcode table (py/moderrno.c): the names a board can print.
    private static readonly Dictionary<string, int> s_names = new(StringComparer.Ordinal)
    {
        ["EPERM"] = 1, ["ENOENT"] = 2, ["EIO"] = 5, ["EBADF"] = 9, ["EAGAIN"] = 11, ["ENOMEM"] = 12,
        ["EACCES"] = 13, ["EEXIST"] = 17, ["ENODEV"] = 19, ["ENOTDIR"] = 20, ["EISDIR"] = 21, ["EINVAL"] = 22,
        ["ENOSPC"] = 28, ["EROFS"] = 30, ["ENOTEMPTY"] = 39, ["EOPNOTSUPP"] = 95, ["EADDRINUSE"] = 98,
        ["ECONNABORTED"] = 103, ["ECONNRESET"] = 104, ["ENOBUFS"] = 105, ["ENOTCONN"] = 107,
        ["ETIMEDOUT"] = 110, ["ECONNREFUSED"] = 111, ["EHOSTUNREACH"] = 113, ["EALREADY"] = 114, ["EINPROGRESS"] = 115,
    };

    /// <summary>
    /// The errno of the traceback's final "OSError: ..." line (0 when it has none), or null when it is another exception.
    /// </summary>
    public static int? ParseErrno(string stderr)
    {
        var line = LastLine(stderr);
        if (!line.StartsWith("OSError", StringComparison.Ordinal))
            return null;
        var m = OsErrorLine().Match(line);
        if (!m.Success)
            return 0;
        if (m.Groups["num"].Success)
            return int.Parse(m.Groups["num"].Value, CultureInfo.InvariantCulture);
        // "OSError: ENOENT" (a port that prints the name alone) or "OSError: [Errno ENOENT]".
        return m.Groups["name"].Success && s_names.TryGetValue(m.Groups["name"].Value, out var n) ? n : 0;
    }

    /// <summary>The last non-empty line of a traceback.</summary>
    public static string LastLine(string stderr)
    {
        var lines = stderr.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : lines[^1];
    }

    /// <summary>True when the code failed because the board no longer has our helper (it was soft-reset).</summary>
    public static bool IsHelperMissing(string stderr)
    {
        var line = LastLine(stderr);
        return line.StartsWith("NameError", StringComparison.Ordinal) && line.Contains("'_mpyd_f", StringComparison.Ordinal);
    }

    public static BoardFsException FromResult(string device, string? path, ExecResult result)
    {
        var inner = new RemoteExecException(device, result.Stdout, result.Stderr);
        var line = LastLine(result.Stderr);
        var errno = ParseErrno(result.Stderr) ?? 0;
        var what = path is null ? line : $"{path}: {line}";
        return new BoardFsException(path ?? "", errno, $"{what} (on {device})", inner);
    }

    [GeneratedRegex(@"^OSError:\s*(?:\[Errno\s+)?(?:(?<num>-?\d+)|(?<name>E[A-Z0-9]+)\b)")]
    private static partial Regex OsErrorLine();
}
