namespace Mpyd.Protocol.BoardFs;

/// <summary>
/// The board refused a filesystem operation: <see cref="Errno"/> is MicroPython's errno (2 ENOENT,
/// 13 EACCES, 17 EEXIST, 20 ENOTDIR, 21 EISDIR, 28 ENOSPC, ...), or 0 for a non-OSError failure
/// whose board text is in the message.
/// </summary>
public sealed class BoardFsException : Exception
{
    public BoardFsException()
    {
    }

    public BoardFsException(string message)
        : base(message)
    {
    }

    public BoardFsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BoardFsException(string path, int errno, string message)
        : base(message)
    {
        Path = path;
        Errno = errno;
    }

    /// <summary>The board's failure; <paramref name="innerException"/> carries the traceback (a RemoteExecException).</summary>
    public BoardFsException(string path, int errno, string message, Exception innerException)
        : base(message, innerException)
    {
        Path = path;
        Errno = errno;
    }

    public string? Path { get; }

    public int Errno { get; }
}
