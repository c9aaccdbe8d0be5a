using Mpyd.DeviceSim.Execution;
using Mpyd.DeviceSim.FileSystem;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Mount;

/// <summary>
/// The VFS object of mpyd_board.py (_MpydFS), natively: the same requests, in the same order,
/// with the same path normalisation and error mapping.
/// </summary>
internal sealed class RemoteVfs(MountClient client, int readAhead) : IBoardVfs
{
    private string _cwd = "/";

    public MountClient Client { get; } = client;

    public int ReadAhead { get; } = readAhead;

    // Absolute, normalised path within the mount; ".." stops at the root.
    internal string Abs(string p)
    {
        if (!p.StartsWith('/'))
            p = _cwd + "/" + p;
        var parts = new List<string>();
        foreach (var c in p.Split('/'))
        {
            if (c is "" or ".")
                continue;
            if (c == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(c);
            }
        }
        return "/" + string.Join('/', parts);
    }

    private static void ThrowIfError(int status)
    {
        if (status < 0)
            throw PyException.OSError(-status);
    }

    private async ValueTask PathOpAsync(RemoteFsRequest request, CancellationToken ct)
    {
        var reply = await Client.RequestAsync(request, ct).ConfigureAwait(false);
        ThrowIfError(((StatusReply)reply).Value);
    }

    public async ValueTask<VfsStat> StatAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await Client.RequestAsync(new StatRequest(Abs(path)), cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            StatReply s => new VfsStat(s.Mode, s.Size, s.AccessTime, s.ModifyTime, s.ChangeTime),
            StatusReply e => throw PyException.OSError(-e.Value),
            _ => throw PyException.OSError((int)Errno.EIO),
        };
    }

    public async ValueTask<VfsStatFs> StatFsAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await Client.RequestAsync(new StatFsRequest(Abs(path)), cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            StatFsReply s => new VfsStatFs(s.BlockSize, s.Blocks, s.FreeBlocks, s.AvailableBlocks, s.NameMax),
            StatusReply e => throw PyException.OSError(-e.Value),
            _ => throw PyException.OSError((int)Errno.EIO),
        };
    }

    public async ValueTask<IReadOnlyList<VfsEntry>> ListDirAsync(string path, CancellationToken cancellationToken)
    {
        var reply = await Client.RequestAsync(new ListDirRequest(Abs(path)), cancellationToken).ConfigureAwait(false);
        return reply switch
        {
            ListDirReply l => [.. l.Entries.Select(e => new VfsEntry(e.Name, e.Type, e.Size))],
            StatusReply e => throw PyException.OSError(-e.Value),
            _ => throw PyException.OSError((int)Errno.EIO),
        };
    }

    // Binary read-only files: OPEN_READ opens and brings the first read-ahead in one request.
    public async ValueTask<IVfsFile> OpenAsync(string path, string mode, CancellationToken cancellationToken)
    {
        var ahead = mode.Contains('b') && mode.Contains('r') && !mode.Contains('+') ? ReadAhead : 0;
        if (ahead > 0)
        {
            var opened = await Client.RequestAsync(new OpenReadRequest(Abs(path), ahead), cancellationToken).ConfigureAwait(false);
            if (opened is not OpenReadReply o)
                throw PyException.OSError(opened is StatusReply { Value: < 0 } e ? -e.Value : (int)Errno.EIO);
            var file = new RemoteFile(Client, o.Fd, ahead);
            file.Take(o.Data);
            return file;
        }
        var reply = await Client.RequestAsync(new OpenRequest(Abs(path), mode), cancellationToken).ConfigureAwait(false);
        var fd = ((StatusReply)reply).Value;
        ThrowIfError(fd);
        return new RemoteFile(Client, fd, 0);
    }

    public ValueTask RemoveAsync(string path, CancellationToken cancellationToken) =>
        PathOpAsync(new RemoveRequest(Abs(path)), cancellationToken);

    public ValueTask RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        PathOpAsync(new RenameRequest(Abs(from), Abs(to)), cancellationToken);

    public ValueTask MakeDirAsync(string path, CancellationToken cancellationToken) =>
        PathOpAsync(new MakeDirRequest(Abs(path)), cancellationToken);

    public ValueTask RemoveDirAsync(string path, CancellationToken cancellationToken) =>
        PathOpAsync(new RemoveDirRequest(Abs(path)), cancellationToken);

    public async ValueTask ChangeDirAsync(string path, CancellationToken cancellationToken)
    {
        var p = Abs(path);
        if (p != "/" && !(await StatAsync(p, cancellationToken).ConfigureAwait(false)).IsDirectory)
            throw PyException.OSError((int)Errno.ENOTDIR);
        _cwd = p;
    }

    public string GetCwd() => _cwd;
}
