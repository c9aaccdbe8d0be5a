using Mpyd.Protocol.Board;

namespace Mpyd.DeviceSim.Execution;

/// <summary>Recognises our board program by its exact wire text, and runs its top level natively.</summary>
internal static class BoardProgramRecognizer
{
    public const string MountPoint = BoardProgram.MountPoint;

    public static bool IsBoardProgram(string source)
    {
        var wire = BoardProgram.WireText;
        var s = source.Replace("\r\n", "\n");
        return s == wire || s.TrimEnd('\n') == wire.TrimEnd('\n');
    }
}
