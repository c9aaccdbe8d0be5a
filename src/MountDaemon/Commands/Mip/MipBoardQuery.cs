using System.Globalization;
using Mpyd.Protocol.Repl;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>What mip asks the board: its sys.path (to find the lib directory) and the .mpy version it loads.</summary>
internal sealed record MipBoardQuery(IReadOnlyList<string> SysPath, int MpyVersion)
{
    // One submission for both; getattr's default covers boards that cannot load .mpy (no _mpy attribute).
    private const string Code = "import sys\nprint(repr(sys.path))\nprint(repr(getattr(sys.implementation, '_mpy', 0)))";

    public static async Task<MipBoardQuery> ReadAsync(RawReplClient repl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repl);
        var result = await repl.ExecAsync(Code, cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed(repl.Connection.Name);
        var lines = result.StdoutText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length != 2 || PythonLiteral.Parse(lines[0]) is not List<object?> path || PythonLiteral.Parse(lines[1]) is not long mpy)
            throw new FormatException($"unexpected answer to the sys.path/_mpy query: \"{result.StdoutText.Trim()}\"");
        return new MipBoardQuery(path.OfType<string>().ToArray(), (int)mpy);
    }

    /// <summary>The first sys.path entry ending in "/lib" that is not under /rom; null when there is none.</summary>
    public string? LibDirectory =>
        SysPath.FirstOrDefault(p => p.EndsWith("/lib", StringComparison.Ordinal) && !p.StartsWith("/rom", StringComparison.Ordinal));

    /// <summary>The index path segment: the .mpy major version (low byte of _mpy), or "py" for a board that reports none.</summary>
    public string MpySegment => (MpyVersion & 0xFF) is var major and not 0 ? major.ToString(CultureInfo.InvariantCulture) : "py";
}
