using System.Text;
using Mpyd.Protocol.Board;

namespace Mpyd.Protocol.BoardFs;

/// <summary>
/// Our board-side file helper (BoardFs/mpyd_fs.py, embedded): functions for bulk reads, writes,
/// hashes and df that <see cref="BoardFileSystem"/> defines once per session. Sent with full-line
/// comments and blank lines removed (<see cref="WireText"/>), which the simulated board uses to
/// recognise it.
/// </summary>
public static class BoardFsHelper
{
    /// <summary>A global the helper defines; a NameError naming it means the board forgot the helper (soft reboot).</summary>
    public const string MarkerName = "_mpyd_fisdir";

    /// <summary>Every function the helper defines, in the order of the source.</summary>
    public static readonly IReadOnlyList<string> FunctionNames =
        ["_mpyd_fisdir", "_mpyd_fo", "_mpyd_fw", "_mpyd_fa", "_mpyd_fz", "_mpyd_fc", "_mpyd_fx", "_mpyd_fr", "_mpyd_fh", "_mpyd_fd"];

    /// <summary>Suffix of the temporary file a write goes to before it is renamed over the target.</summary>
    public const string TempSuffix = ".mpyd~";

    private static readonly Lazy<string> s_source = new(LoadSource);
    private static readonly Lazy<string> s_wire = new(() => BoardProgram.StripForWire(s_source.Value));

    /// <summary>The helper as written, with comments.</summary>
    public static string Source => s_source.Value;

    /// <summary>The helper as sent to the board.</summary>
    public static string WireText => s_wire.Value;

    private static string LoadSource()
    {
        using var stream = typeof(BoardFsHelper).Assembly.GetManifestResourceStream("Mpyd.Protocol.BoardFs.mpyd_fs.py")
            ?? throw new InvalidOperationException("the board file helper resource is missing from Mpyd.Protocol");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
