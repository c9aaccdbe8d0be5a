using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Mount;

/// <summary>One mount request the simulated board sent (Number is 1-based over the board's life).</summary>
public sealed record MountRequestLogEntry(int Number, RemoteFsRequest Request)
{
    public RemoteFsOp Op => Request.Op;

    /// <summary>The path argument, if the request has one (the source path for Rename).</summary>
    public string? Path => Request switch
    {
        StatRequest r => r.Path,
        ListDirStartRequest r => r.Path,
        OpenRequest r => r.Path,
        RemoveRequest r => r.Path,
        RenameRequest r => r.From,
        MakeDirRequest r => r.Path,
        RemoveDirRequest r => r.Path,
        StatFsRequest r => r.Path,
        ListDirRequest r => r.Path,
        OpenReadRequest r => r.Path,
        _ => null,
    };

    /// <summary>Compact text, e.g. "STAT /pkg" or "READ 0 2048", for conformance comparisons.</summary>
    public override string ToString() => Request switch
    {
        StatRequest r => $"STAT {r.Path}",
        ListDirStartRequest r => $"ILISTDIR_START {r.Path}",
        ListDirNextRequest => "ILISTDIR_NEXT",
        OpenRequest r => $"OPEN {r.Path} {r.Mode}",
        CloseRequest r => $"CLOSE {r.Fd}",
        ReadRequest r => $"READ {r.Fd} {r.Count}",
        ReadLineRequest r => $"READLINE {r.Fd}",
        WriteRequest r => $"WRITE {r.Fd} {r.Data.Length}",
        SeekRequest r => $"SEEK {r.Fd} {r.Offset} {r.Whence}",
        RemoveRequest r => $"REMOVE {r.Path}",
        RenameRequest r => $"RENAME {r.From} {r.To}",
        MakeDirRequest r => $"MKDIR {r.Path}",
        RemoveDirRequest r => $"RMDIR {r.Path}",
        StatFsRequest r => $"STATFS {r.Path}",
        ListDirRequest r => $"LISTDIR {r.Path}",
        OpenReadRequest r => $"OPEN_READ {r.Path} {r.Count}",
        _ => Request.Op.ToString(),
    };
}
