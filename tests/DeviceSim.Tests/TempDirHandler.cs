using System.Text;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Tests;

/// <summary>A small host-side file server over a temp directory, enough for mount traffic tests.</summary>
internal sealed class TempDirHandler : IRemoteFsHandler, IDisposable
{
    private readonly Dictionary<int, FileStream> _open = [];

    public TempDirHandler()
    {
        Root = Path.Combine(Path.GetTempPath(), "mpyd-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public void Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public void Write(string relative, byte[] data)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, data);
    }

    private string Full(string boardPath) => Path.Combine(Root, boardPath.TrimStart('/'));

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
    }

    private RemoteFsReply Handle(RemoteFsRequest request)
    {
        switch (request)
        {
            case StatRequest s:
                var p = Full(s.Path);
                if (Directory.Exists(p))
                    return new StatReply(0x4000, 0, 0, 0, 0);
                if (File.Exists(p))
                    return new StatReply(0x8000, (uint)new FileInfo(p).Length, 0, 0, 0);
                return RemoteFsReply.Error(Errno.ENOENT);
            case OpenRequest o:
                var full = Full(o.Path);
                if (Directory.Exists(full))
                    return RemoteFsReply.Error(Errno.EISDIR);
                var mode = o.Mode.Contains('w') ? FileMode.Create : o.Mode.Contains('a') ? FileMode.Append : FileMode.Open;
                var access = o.Mode.Contains('r') && !o.Mode.Contains('+') ? FileAccess.Read : o.Mode.Contains('+') ? FileAccess.ReadWrite : FileAccess.Write;
                var fd = Enumerable.Range(0, 100).First(i => !_open.ContainsKey(i));
                _open[fd] = new FileStream(full, mode, access);
                return new StatusReply(fd);
            case OpenReadRequest or:
                if (Handle(new OpenRequest(or.Path, "rb")) is not StatusReply { Value: >= 0 } opened)
                    return RemoteFsReply.Error(Errno.EISDIR);
                var first = (DataReply)Handle(new ReadRequest(opened.Value, or.Count));
                return new OpenReadReply(opened.Value, first.Data);
            case CloseRequest c:
                if (_open.Remove(c.Fd, out var closing))
                    closing.Dispose();
                return NoReply.Instance;
            case ReadRequest r:
                var stream = _open[r.Fd];
                var want = r.Count < 0 ? (int)(stream.Length - stream.Position) : r.Count;
                var buffer = new byte[want];
                var got = 0;
                while (got < want)
                {
                    var n = stream.Read(buffer, got, want - got);
                    if (n == 0)
                        break;
                    got += n;
                }
                return new DataReply(buffer[..got]);
            case ReadLineRequest rl:
                var line = new List<byte>();
                int ch;
                while ((ch = _open[rl.Fd].ReadByte()) >= 0)
                {
                    line.Add((byte)ch);
                    if (ch == (int)'\n')
                        break;
                }
                return new DataReply([.. line]);
            case WriteRequest w:
                _open[w.Fd].Write(w.Data);
                return new StatusReply(w.Data.Length);
            case SeekRequest k:
                return new StatusReply((int)_open[k.Fd].Seek(k.Offset, (SeekOrigin)k.Whence));
            case ListDirRequest l:
                var dir = Full(l.Path);
                if (!Directory.Exists(dir))
                    return RemoteFsReply.Error(File.Exists(dir) ? Errno.ENOTDIR : Errno.ENOENT);
                var entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal)
                    .Select(e => new DirEntry(e.Name, e is DirectoryInfo ? 0x4000u : 0x8000u, e is FileInfo f ? (uint)f.Length : 0))
                    .ToList();
                return new ListDirReply(entries);
            case RemoveRequest rm:
                if (!File.Exists(Full(rm.Path)))
                    return RemoteFsReply.Error(Errno.ENOENT);
                File.Delete(Full(rm.Path));
                return new StatusReply(0);
            case MakeDirRequest md:
                if (Directory.Exists(Full(md.Path)))
                    return RemoteFsReply.Error(Errno.EEXIST);
                Directory.CreateDirectory(Full(md.Path));
                return new StatusReply(0);
            case RemoveDirRequest rd:
                Directory.Delete(Full(rd.Path));
                return new StatusReply(0);
            case RenameRequest rn:
                File.Move(Full(rn.From), Full(rn.To));
                return new StatusReply(0);
            case StatFsRequest:
                return new StatFsReply(4096, 1000, 500, 500, 255);
            default:
                return RemoteFsReply.Error(Errno.EOPNOTSUPP);
        }
    }

    public void Dispose()
    {
        foreach (var f in _open.Values)
            f.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
