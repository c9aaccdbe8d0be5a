using Mpyd.Protocol.Board;

namespace Mpyd.DeviceSim.Execution;

/// <summary>Recognises our board program by its exact wire text, and runs its top level natively.</summary>
internal static class BoardProgramRecognizer
{
    public const string MountPoint = BoardProgram.MountPoint;

    /// <summary>
    /// True when the source starts with the board program; <paramref name="rest"/> is what follows it,
    /// padded with blank lines so that line numbers stay those of the whole submission.
    /// </summary>
    public static bool TrySplit(string source, out string rest)
    {
        var wire = BoardProgram.WireText.TrimEnd('\n');
        var s = source.Replace("\r\n", "\n");
        rest = "";
        if (!s.StartsWith(wire, StringComparison.Ordinal) || (s.Length > wire.Length && s[wire.Length] != '\n'))
            return false;
        rest = new string('\n', wire.Count(c => c == '\n')) + s[wire.Length..];
        return true;
    }
}
