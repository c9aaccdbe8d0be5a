using System.Text;

namespace Mpyd.Protocol.Board;

/// <summary>
/// Our board-side program (Board/mpyd_board.py, embedded), and the calls that mount and unmount
/// it. The text is sent with full-line comments and blank lines removed, which the simulated
/// board also uses to recognise it.
/// </summary>
public static class BoardProgram
{
    /// <summary>Bytes the board asks for per READ of a binary read-only file (read-ahead).</summary>
    public const int DefaultReadAhead = 2048;

    /// <summary>How long the board waits for the first byte of each reply before raising OSError(ETIMEDOUT).</summary>
    public const int DefaultTimeoutMs = 5000;

    /// <summary>The mount point on the board. Fixed, as in mpremote.</summary>
    public const string MountPoint = "/remote";

    private static readonly Lazy<string> s_source = new(LoadSource);
    private static readonly Lazy<string> s_wire = new(() => StripForWire(s_source.Value));

    /// <summary>The program as written, with comments.</summary>
    public static string Source => s_source.Value;

    /// <summary>The program as sent to the board.</summary>
    public static string WireText => s_wire.Value;

    /// <summary>The statement that mounts the host directory at /remote and makes it the current directory.</summary>
    public static string MountCall(int readAhead = DefaultReadAhead, int timeoutMs = DefaultTimeoutMs) =>
        $"_mpyd_mount({readAhead}, {timeoutMs})";

    /// <summary>The statement that unmounts /remote.</summary>
    public const string UnmountCall = "_mpyd_umount()";

    internal static string StripForWire(string source)
    {
        var sb = new StringBuilder(source.Length);
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;
            sb.Append(line.TrimEnd()).Append('\n');
        }
        return sb.ToString();
    }

    private static string LoadSource()
    {
        using var stream = typeof(BoardProgram).Assembly.GetManifestResourceStream("Mpyd.Protocol.Board.mpyd_board.py")
            ?? throw new InvalidOperationException("the board program resource is missing from Mpyd.Protocol");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
