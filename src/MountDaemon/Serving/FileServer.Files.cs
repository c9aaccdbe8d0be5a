using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

// Requests on file descriptors: OPEN, OPEN_READ, CLOSE, READ, READLINE, WRITE, SEEK.
public sealed partial class FileServer
{
    private async ValueTask<RemoteFsReply> OpenAsync(OpenRequest request, CancellationToken cancellationToken)
    {
        if (!OpenMode.TryParse(request.Mode, out var mode))
            throw new ErrnoException(Errno.EINVAL);
        var path = Resolve(request.Path);
        if (_files.Count >= OpenFileTable.Capacity)
            throw new ErrnoException(Errno.EMFILE);
        if (Directory.Exists(path.RealPath))
            throw new ErrnoException(Errno.EISDIR);

        OpenFile file;
        var autoMpy = _autoMpy;
        var pending = PendingWrite(path.RealPath);
        if (mode.Writable)
        {
            file = OpenFile.OpenForWrite(request.Path, path.RealPath, mode, pending?.StagingPath);
        }
        else if (pending is not null)
        {
            file = OpenFile.OpenForRead(request.Path, path.RealPath, mode, readFrom: pending.StagingPath);
        }
        else if (autoMpy is not null
            && path.Relative.EndsWith(".mpy", StringComparison.Ordinal)
            && TrySibling(path, ".mpy", ".py") is { } py
            && await autoMpy.TryGetVirtualMpyAsync(path, py, cancellationToken).ConfigureAwait(false) is { } compiled)
        {
            file = OpenFile.OpenForRead(request.Path, path.RealPath, mode, compiled.Bytes);
        }
        else
        {
            file = OpenFile.OpenForRead(request.Path, path.RealPath, mode);
        }

        var fd = _files.Add(file);
        if (fd < 0)
        {
            file.Abandon();
            throw new ErrnoException(Errno.EMFILE);
        }
        return new StatusReply(fd);
    }

    // OPEN "rb" and the first READ in one request (mpyd extension): same checks, same auto-mpy files.
    private async ValueTask<RemoteFsReply> OpenReadAsync(OpenReadRequest request, CancellationToken cancellationToken)
    {
        var fd = ((StatusReply)await OpenAsync(new OpenRequest(request.Path, "rb"), cancellationToken).ConfigureAwait(false)).Value;
        var data = ((DataReply)Read(new ReadRequest(fd, request.Count))).Data;
        return new OpenReadReply(fd, data);
    }

    private RemoteFsReply Close(CloseRequest request)
    {
        if (_files.Remove(request.Fd) is { } file)
            Finish(file, commit: true, "commit on close failed");
        else
            LogUnknownFd(_logger, RemoteFsOp.Close, request.Fd);
        return NoReply.Instance;
    }

    private RemoteFsReply Read(ReadRequest request)
    {
        var file = Readable(request.Fd, RemoteFsOp.Read);
        if (file is null)
            return new DataReply([]);
        var data = file.Mode.Binary
            ? StreamReading.ReadBinary(file.Stream, request.Count, MaxReadBytes)
            : StreamReading.ReadText(file.Stream, request.Count, oneLine: false, MaxReadBytes);
        return new DataReply(data);
    }

    private RemoteFsReply ReadLine(ReadLineRequest request)
    {
        var file = Readable(request.Fd, RemoteFsOp.ReadLine);
        if (file is null)
            return new DataReply([]);
        var data = file.Mode.Binary
            ? StreamReading.ReadBinaryLine(file.Stream, MaxReadBytes)
            : StreamReading.ReadText(file.Stream, -1, oneLine: true, MaxReadBytes);
        return new DataReply(data);
    }

    private RemoteFsReply Write(WriteRequest request)
    {
        var file = _files.Get(request.Fd);
        if (file is null || !file.Mode.Writable)
        {
            LogUnknownFd(_logger, RemoteFsOp.Write, request.Fd);
            throw new ErrnoException(Errno.EBADF);
        }
        file.Write(request.Data);
        // Text mode: the UTF-8 payload is stored as sent (no LF -> CRLF, the wire and the file are
        // both UTF-8); the count is in characters, like a host text-file write.
        return new StatusReply(file.Mode.Binary ? request.Data.Length : StreamReading.CountCharacters(request.Data));
    }

    /// <summary>
    /// Any whence 0/1/2 and any resulting position &gt;= 0, text files included: positions of text
    /// files are byte offsets (reads always stop on a character boundary, so tell() is exact).
    /// </summary>
    private RemoteFsReply Seek(SeekRequest request)
    {
        var file = _files.Get(request.Fd);
        if (file is null)
        {
            LogUnknownFd(_logger, RemoteFsOp.Seek, request.Fd);
            throw new ErrnoException(Errno.EBADF);
        }
        var stream = file.Stream;
        long origin = request.Whence switch
        {
            0 => 0,
            1 => stream.Position,
            2 => stream.Length,
            _ => throw new ErrnoException(Errno.EINVAL),
        };
        var position = origin + request.Offset;
        if (position < 0)
            throw new ErrnoException(Errno.EINVAL);
        if (position > int.MaxValue)
            throw new ErrnoException(Errno.EFBIG);
        stream.Position = position;
        return new StatusReply((int)position);
    }

    /// <summary>
    /// The uncommitted write to <paramref name="realPath"/> (the highest fd if several). The board
    /// sees its own writes (STAT, OPEN for reading, listings) before they are committed.
    /// </summary>
    private OpenFile? PendingWrite(string realPath) => PendingWrites(realPath).LastOrDefault();

    private OpenFile? Readable(int fd, RemoteFsOp op)
    {
        var file = _files.Get(fd);
        if (file is not null && file.Mode.Readable)
            return file;
        LogUnknownFd(_logger, op, fd);
        return null;
    }
}
