using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

/// <summary>
/// Answers the board's file requests from the mounted directory. Every path goes through the
/// <see cref="MountRoot"/> jail; every host failure becomes an errno reply (mapped in
/// <see cref="ErrnoMapper"/>), so <see cref="HandleAsync"/> only throws when its own token is cancelled.
/// Files opened for writing are staged in temp files and reach their real name on CLOSE or
/// <see cref="CommitOpenFilesAsync"/>; after a fault, <see cref="AbandonOpenFilesAsync"/> keeps the
/// data as NAME.mpyd-partial and leaves the target untouched.
/// Requests are served one at a time (the protocol has one request in flight); a gate also
/// serialises commit and abandon calls from other threads.
/// </summary>
public sealed partial class FileServer : IRemoteFsHandler, IAsyncDisposable
{
    /// <summary>Largest READ reply (the protocol codec's data limit).</summary>
    public const int MaxReadBytes = 16 * 1024 * 1024;

    private readonly MountRoot _root;
    private volatile AutoMpyInterceptor? _autoMpy;
    private readonly ILogger _logger;
    private readonly OpenFileTable _files = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="root">The jail for the mounted directory.</param>
    /// <param name="autoMpy">Auto-mpy, or null to serve files exactly as they are.</param>
    public FileServer(MountRoot root, AutoMpyInterceptor? autoMpy = null, ILogger<FileServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
        _autoMpy = autoMpy is { Options.Enabled: true } ? autoMpy : null;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raised for every written file whose data was kept as NAME.mpyd-partial instead of committed.</summary>
    public event EventHandler<PartialFileKeptEventArgs>? PartialFileKept;

    public MountRoot Root => _root;

    /// <summary>
    /// Auto-mpy, replaceable while mounted (e.g. once the board's .mpy version is known);
    /// takes effect from the next request. A disabled interceptor counts as none.
    /// </summary>
    public AutoMpyInterceptor? AutoMpy
    {
        get => _autoMpy;
        set => _autoMpy = value is { Options.Enabled: true } ? value : null;
    }

    /// <summary>Number of open fds.</summary>
    public int OpenFileCount => _files.Count;

    public async ValueTask<RemoteFsReply> HandleAsync(RemoteFsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DispatchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ErrnoException ex)
        {
            LogRefused(_logger, request.Op, DescribePath(request), ex.Errno);
            return ErrorReplyFor(request.Op, ex.Errno);
        }
        catch (Exception ex)
        {
            var errno = ErrnoMapper.FromException(ex);
            LogFailed(_logger, request.Op, DescribePath(request), errno, ex.GetType().Name, ex.Message);
            return ErrorReplyFor(request.Op, errno);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Closes every open fd, committing written files under their real names. Call on clean
    /// unmount, soft reboot and exit (boards often never close files). Returns how many fds were open.
    /// </summary>
    public async ValueTask<int> CommitOpenFilesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var open = _files.RemoveAll();
            _listings.Clear();
            foreach (var file in open)
                Finish(file, commit: true, "commit failed");
            return open.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Closes every open fd after a fault (disconnect, timeout, desync): targets stay untouched,
    /// written data is kept as NAME.mpyd-partial. Returns the paths of the partial files.
    /// </summary>
    public async ValueTask<IReadOnlyList<string>> AbandonOpenFilesAsync(string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var open = _files.RemoveAll();
            _listings.Clear();
            var partials = new List<string>();
            foreach (var file in open)
            {
                if (Finish(file, commit: false, reason) is { } partial)
                    partials.Add(partial);
            }
            return partials;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Abandons whatever is still open (the daemon commits explicitly before this on a clean exit).
    /// The gate is not disposed, so a late request still gets an answer instead of an exception.
    /// </summary>
    public async ValueTask DisposeAsync() =>
        await AbandonOpenFilesAsync("file server disposed", CancellationToken.None).ConfigureAwait(false);

    private ValueTask<RemoteFsReply> DispatchAsync(RemoteFsRequest request, CancellationToken cancellationToken) => request switch
    {
        StatRequest r => StatAsync(r, cancellationToken),
        OpenRequest r => OpenAsync(r, cancellationToken),
        OpenReadRequest r => OpenReadAsync(r, cancellationToken),
        ListDirStartRequest r => Done(ListDirStart(r)),
        ListDirNextRequest => Done(ListDirNext()),
        ListDirRequest r => Done(ListDir(r)),
        StatFsRequest r => Done(StatFs(r)),
        CloseRequest r => Done(Close(r)),
        ReadRequest r => Done(Read(r)),
        ReadLineRequest r => Done(ReadLine(r)),
        WriteRequest r => Done(Write(r)),
        SeekRequest r => Done(Seek(r)),
        RemoveRequest r => Done(Remove(r)),
        RenameRequest r => Done(Rename(r)),
        MakeDirRequest r => Done(MakeDir(r)),
        RemoveDirRequest r => Done(RemoveDir(r)),
        _ => Done(ErrorReplyFor(request.Op, Errno.EOPNOTSUPP)),
    };

    private static ValueTask<RemoteFsReply> Done(RemoteFsReply reply) => ValueTask.FromResult(reply);

    private ResolvedPath Resolve(string boardPath) =>
        _root.TryResolve(boardPath, out var resolved, out var error) ? resolved : throw new ErrnoException(error);

    private string? Finish(OpenFile file, bool commit, string reason)
    {
        string? partial;
        try
        {
            partial = commit ? file.Commit() : file.Abandon();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFinishFailed(_logger, file.TargetPath, ex.Message);
            return null;
        }
        if (partial is not null)
        {
            LogPartialKept(_logger, file.TargetPath, partial, reason);
            PartialFileKept?.Invoke(this, new PartialFileKeptEventArgs(file.TargetPath, partial, reason));
        }
        return partial;
    }

    /// <summary>An error in the reply shape the op allows: data ops get "end of file", CLOSE nothing.</summary>
    private static RemoteFsReply ErrorReplyFor(RemoteFsOp op, Errno errno) => op switch
    {
        RemoteFsOp.Read or RemoteFsOp.ReadLine => new DataReply([]),
        RemoteFsOp.ListDirNext => new ListDirEntryReply("", 0),
        RemoteFsOp.Close => NoReply.Instance,
        _ => RemoteFsReply.Error(errno),
    };

    private static string DescribePath(RemoteFsRequest request) => request switch
    {
        StatRequest r => r.Path,
        OpenRequest r => r.Path,
        OpenReadRequest r => r.Path,
        ListDirStartRequest r => r.Path,
        ListDirRequest r => r.Path,
        StatFsRequest r => r.Path,
        RemoveRequest r => r.Path,
        RenameRequest r => $"{r.From} -> {r.To}",
        MakeDirRequest r => r.Path,
        RemoveDirRequest r => r.Path,
        CloseRequest r => $"fd {r.Fd}",
        ReadRequest r => $"fd {r.Fd}",
        ReadLineRequest r => $"fd {r.Fd}",
        WriteRequest r => $"fd {r.Fd}",
        SeekRequest r => $"fd {r.Fd}",
        _ => "",
    };
}
