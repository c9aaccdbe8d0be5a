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
    public static bool TrySplit(string source, out string rest) => ProgramPrefix.TrySplit(source, BoardProgram.WireText, out rest);
}
