namespace Mpyd.MountDaemon.Serving;

/// <summary>Data the board wrote was not committed (fault, or a failed rename); it was kept beside the target.</summary>
public sealed class PartialFileKeptEventArgs(string targetPath, string partialPath, string reason) : EventArgs
{
    /// <summary>The file the board was writing (left untouched).</summary>
    public string TargetPath { get; } = targetPath;

    /// <summary>Where the written data is now ("NAME.mpyd-partial").</summary>
    public string PartialPath { get; } = partialPath;

    public string Reason { get; } = reason;
}
