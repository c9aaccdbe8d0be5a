using System.Buffers;

namespace Mpyd.Protocol.RemoteFs;

public static partial class RemoteFsCodec
{
    /// <summary>
    /// Host side: decodes the arguments of <paramref name="op"/> (the bytes after <c>0x18 op</c>
    /// and the host's ack). Returns false when more bytes are needed; the reader is then not advanced.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="op"/> is not a known op.</exception>
    /// <exception cref="InvalidDataException">A length field is negative or too large (the stream is out of step).</exception>
    public static bool TryReadRequest(RemoteFsOp op, ref SequenceReader<byte> reader, out RemoteFsRequest? request)
    {
        var r = reader;
        request = op switch
        {
            RemoteFsOp.Stat => ReadPath(ref r, p => new StatRequest(p)),
            RemoteFsOp.ListDirStart => ReadPath(ref r, p => new ListDirStartRequest(p)),
            RemoteFsOp.ListDirNext => new ListDirNextRequest(),
            RemoteFsOp.Open => TryReadString(ref r, "path", out var path) && TryReadString(ref r, "mode", out var mode)
                ? new OpenRequest(path, mode) : null,
            RemoteFsOp.Close => TryReadS8(ref r, out var fd) ? new CloseRequest(fd) : null,
            RemoteFsOp.Read => TryReadS8(ref r, out var fd) && TryReadS32(ref r, out var n) ? new ReadRequest(fd, n) : null,
            RemoteFsOp.ReadLine => TryReadS8(ref r, out var fd) ? new ReadLineRequest(fd) : null,
            RemoteFsOp.Write => TryReadS8(ref r, out var fd) && TryReadBytes(ref r, MaxDataLength, "write data", out var data)
                ? new WriteRequest(fd, data) : null,
            RemoteFsOp.Seek => TryReadS8(ref r, out var fd) && TryReadS32(ref r, out var offset) && TryReadS8(ref r, out var whence)
                ? new SeekRequest(fd, offset, whence) : null,
            RemoteFsOp.Remove => ReadPath(ref r, p => new RemoveRequest(p)),
            RemoteFsOp.Rename => TryReadString(ref r, "path", out var from) && TryReadString(ref r, "path", out var to)
                ? new RenameRequest(from, to) : null,
            RemoteFsOp.MakeDir => ReadPath(ref r, p => new MakeDirRequest(p)),
            RemoteFsOp.RemoveDir => ReadPath(ref r, p => new RemoveDirRequest(p)),
            RemoteFsOp.StatFs => ReadPath(ref r, p => new StatFsRequest(p)),
            RemoteFsOp.ListDir => ReadPath(ref r, p => new ListDirRequest(p)),
            RemoteFsOp.OpenRead => TryReadString(ref r, "path", out var path) && TryReadS32(ref r, out var n)
                ? new OpenReadRequest(path, n) : null,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not an op of the mount protocol"),
        };
        if (request is null)
            return false;
        reader = r;
        return true;
    }

    /// <summary>
    /// Board side: writes the arguments of <paramref name="request"/> (not the <c>0x18 op</c> prefix).
    /// </summary>
    /// <exception cref="ArgumentException">An s8 field (fd, whence) is outside -128..127.</exception>
    public static void WriteRequest(IBufferWriter<byte> output, RemoteFsRequest request)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        switch (request)
        {
            case StatRequest x: WriteString(output, x.Path); break;
            case ListDirStartRequest x: WriteString(output, x.Path); break;
            case ListDirNextRequest: break;
            case OpenRequest x: WriteString(output, x.Path); WriteString(output, x.Mode); break;
            case CloseRequest x: WriteS8(output, x.Fd, "fd"); break;
            case ReadRequest x: WriteS8(output, x.Fd, "fd"); WriteS32(output, x.Count); break;
            case ReadLineRequest x: WriteS8(output, x.Fd, "fd"); break;
            case WriteRequest x: WriteS8(output, x.Fd, "fd"); WriteBytes(output, x.Data); break;
            case SeekRequest x:
                WriteS8(output, x.Fd, "fd");
                WriteS32(output, x.Offset);
                WriteS8(output, x.Whence, "whence");
                break;
            case RemoveRequest x: WriteString(output, x.Path); break;
            case RenameRequest x: WriteString(output, x.From); WriteString(output, x.To); break;
            case MakeDirRequest x: WriteString(output, x.Path); break;
            case RemoveDirRequest x: WriteString(output, x.Path); break;
            case StatFsRequest x: WriteString(output, x.Path); break;
            case ListDirRequest x: WriteString(output, x.Path); break;
            case OpenReadRequest x: WriteString(output, x.Path); WriteS32(output, x.Count); break;
            default: throw new ArgumentException($"unknown request type {request.GetType().Name}", nameof(request));
        }
    }

    private static RemoteFsRequest? ReadPath(ref SequenceReader<byte> reader, Func<string, RemoteFsRequest> make) =>
        TryReadString(ref reader, "path", out var path) ? make(path) : null;
}
