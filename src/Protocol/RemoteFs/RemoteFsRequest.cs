namespace Mpyd.Protocol.RemoteFs;

/// <summary>A request the board sends over the mount protocol, decoded.</summary>
/// <remarks>Paths are decoded from UTF-8; an invalid sequence becomes U+FFFD, which the mount root refuses.</remarks>
public abstract record RemoteFsRequest
{
    public abstract RemoteFsOp Op { get; }
}

public sealed record StatRequest(string Path) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Stat;
}

public sealed record ListDirStartRequest(string Path) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.ListDirStart;
}

public sealed record ListDirNextRequest : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.ListDirNext;
}

public sealed record OpenRequest(string Path, string Mode) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Open;
}

public sealed record CloseRequest(int Fd) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Close;
}

/// <summary>Count = -1 reads to the end of the file.</summary>
public sealed record ReadRequest(int Fd, int Count) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Read;
}

public sealed record ReadLineRequest(int Fd) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.ReadLine;
}

public sealed record WriteRequest(int Fd, byte[] Data) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Write;
}

/// <summary>Whence: 0 start, 1 current, 2 end.</summary>
public sealed record SeekRequest(int Fd, int Offset, int Whence) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Seek;
}

public sealed record RemoveRequest(string Path) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Remove;
}

public sealed record RenameRequest(string From, string To) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.Rename;
}

public sealed record MakeDirRequest(string Path) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.MakeDir;
}

public sealed record RemoveDirRequest(string Path) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.RemoveDir;
}

public sealed record StatFsRequest(string Path) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.StatFs;
}

public sealed record ListDirRequest(string Path) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.ListDir;
}

/// <summary>Open for binary reading and read the first Count bytes (mpyd extension).</summary>
public sealed record OpenReadRequest(string Path, int Count) : RemoteFsRequest
{
    public override RemoteFsOp Op => RemoteFsOp.OpenRead;
}
