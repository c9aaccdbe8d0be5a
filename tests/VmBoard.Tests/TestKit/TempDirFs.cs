using System.Text;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.VmBoard.Tests.TestKit;

/// <summary>
/// A plain mount responder for the tests: serves a real temporary directory, no auto-mpy, no cache.
/// Kept independent of the daemon's FileServer so the VM tests check the board program alone.
/// </summary>
public sealed class TempDirFs : IRemoteFsHandler, IDisposable
{
    private readonly Dictionary<int, (FileStream Stream, bool Text)> _open = [];
    private int _nextFd = 1;

    public TempDirFs()
    {
        Root = Directory.CreateTempSubdirectory("mpyd-vm-").FullName;
    }

    public string Root { get; }

    public string PathOf(string boardPath) => Path.Combine(Root, boardPath.TrimStart('/'));

    public void Dispose()
    {
        foreach (var (stream, _) in _open.Values)
            stream.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    public ValueTask<RemoteFsReply> HandleAsync(RemoteFsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return ValueTask.FromResult(Handle(request));
        }
        catch (FileNotFoundException)
        {
            return ValueTask.FromResult(RemoteFsReply.Error(Errno.ENOENT));
        }
        catch (DirectoryNotFoundException)
        {
            return ValueTask.FromResult(RemoteFsReply.Error(Errno.ENOENT));
        }
        catch (IOException)
        {
            return ValueTask.FromResult(RemoteFsReply.Error(Errno.EIO));
        }
    }

    private RemoteFsReply Handle(RemoteFsRequest request)
    {
        switch (request)
        {
            case StatRequest x:
                {
                    var p = PathOf(x.Path);
                    if (Directory.Exists(p))
                        return new StatReply(0x4000, 0, 0, 0, 0);
                    if (File.Exists(p))
                        return new StatReply(0x8000, (uint)new FileInfo(p).Length, 0, 0, 0);
                    return RemoteFsReply.Error(Errno.ENOENT);
                }
            case ListDirRequest x:
                {
                    var p = PathOf(x.Path);
                    if (!Directory.Exists(p))
                        return RemoteFsReply.Error(Errno.ENOENT);
                    var entries = new DirectoryInfo(p).EnumerateFileSystemInfos()
                        .OrderBy(e => e.Name, StringComparer.Ordinal)
                        .Select(e => e is DirectoryInfo
                            ? new DirEntry(e.Name, 0x4000, 0)
                            : new DirEntry(e.Name, 0x8000, (uint)((FileInfo)e).Length))
                        .ToList();
                    return new ListDirReply(entries);
                }
            case OpenRequest x:
                {
                    var p = PathOf(x.Path);
                    var mode = x.Mode.Contains('w') ? FileMode.Create : x.Mode.Contains('a') ? FileMode.Append : FileMode.Open;
                    var access = x.Mode.Contains('r') && !x.Mode.Contains('+') ? FileAccess.Read
                        : x.Mode.Contains('+') ? FileAccess.ReadWrite : FileAccess.Write;
                    if (mode == FileMode.Open && !File.Exists(p))
                        return RemoteFsReply.Error(Directory.Exists(p) ? Errno.EISDIR : Errno.ENOENT);
                    var fd = _nextFd++;
                    _open[fd] = (new FileStream(p, mode, access), !x.Mode.Contains('b'));
                    return new StatusReply(fd);
                }
            case OpenReadRequest x:
                {
                    if (Handle(new OpenRequest(x.Path, "rb")) is not StatusReply { Value: >= 0 } opened)
                        return RemoteFsReply.Error(Directory.Exists(PathOf(x.Path)) ? Errno.EISDIR : Errno.ENOENT);
                    var first = (DataReply)Handle(new ReadRequest(opened.Value, x.Count));
                    return new OpenReadReply(opened.Value, first.Data);
                }
            case CloseRequest x:
                if (_open.Remove(x.Fd, out var closed))
                    closed.Stream.Dispose();
                return NoReply.Instance;
            case ReadRequest x:
                {
                    var (stream, text) = _open[x.Fd];
                    var count = x.Count < 0 ? (int)(stream.Length - stream.Position) : x.Count;
                    if (text && x.Count >= 0)
                        return new DataReply(ReadChars(stream, x.Count));
                    var data = new byte[count];
                    var n = stream.ReadAtLeast(data, count, throwOnEndOfStream: false);
                    return new DataReply(data[..n]);
                }
            case ReadLineRequest x:
                {
                    var stream = _open[x.Fd].Stream;
                    var line = new MemoryStream();
                    int b;
                    while ((b = stream.ReadByte()) >= 0)
                    {
                        line.WriteByte((byte)b);
                        if (b == '\n')
                            break;
                    }
                    return new DataReply(line.ToArray());
                }
            case WriteRequest x:
                _open[x.Fd].Stream.Write(x.Data);
                return new StatusReply(x.Data.Length);
            case SeekRequest x:
                return new StatusReply((int)_open[x.Fd].Stream.Seek(x.Offset, (SeekOrigin)x.Whence));
            case MakeDirRequest x:
                if (Path.Exists(PathOf(x.Path)))
                    return RemoteFsReply.Error(Errno.EEXIST);
                Directory.CreateDirectory(PathOf(x.Path));
                return new StatusReply(0);
            case RemoveRequest x:
                if (!File.Exists(PathOf(x.Path)))
                    return RemoteFsReply.Error(Errno.ENOENT);
                File.Delete(PathOf(x.Path));
                return new StatusReply(0);
            case RemoveDirRequest x:
                Directory.Delete(PathOf(x.Path));
                return new StatusReply(0);
            case RenameRequest x:
                File.Move(PathOf(x.From), PathOf(x.To), overwrite: true);
                return new StatusReply(0);
            case StatFsRequest:
                return new StatFsReply(4096, 1000, 500, 500, 255);
            default:
                return RemoteFsReply.Error(Errno.EINVAL);
        }
    }

    // Text reads count characters: decode UTF-8 one character at a time.
    private static byte[] ReadChars(Stream stream, int chars)
    {
        var output = new MemoryStream();
        var decoder = Encoding.UTF8.GetDecoder();
        var one = new byte[1];
        var charBuf = new char[2];
        var got = 0;
        while (got < chars && stream.Read(one) == 1)
        {
            output.WriteByte(one[0]);
            got += decoder.GetChars(one, 0, 1, charBuf, 0);
        }
        return output.ToArray();
    }
}
