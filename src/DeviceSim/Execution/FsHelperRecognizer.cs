using Mpyd.Protocol.BoardFs;

namespace Mpyd.DeviceSim.Execution;

/// <summary>Recognises mpyd's board file helper (Protocol/BoardFs/mpyd_fs.py) by its exact wire text.</summary>
internal static class FsHelperRecognizer
{
    /// <summary>
    /// True when the source starts with the helper; <paramref name="rest"/> is what follows it (the
    /// call), padded with blank lines so that line numbers stay those of the whole submission.
    /// </summary>
    public static bool TrySplit(string source, out string rest) => ProgramPrefix.TrySplit(source, BoardFsHelper.WireText, out rest);

    /// <summary>True while raw-paste text received so far is a prefix of the helper (no early syntax check needed).</summary>
    public static bool IsPrefix(string text) => BoardFsHelper.WireText.StartsWith(text, StringComparison.Ordinal);
}
