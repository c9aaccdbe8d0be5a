using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Repl;
using Mpyd.Protocol.Transport;

namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// mpyd's host side, assembled from its real parts: a SerialTransport on the board's device, a
/// BoardConnection, a RawReplClient and a FileServer for DIR, with our board program mounted at
/// /remote. Records every mount request it serves, in order.
/// </summary>
public sealed class MountedHost : IAsyncDisposable
{
    private readonly List<string> _requests = [];
    private readonly BoardConnection _connection;
    private readonly FileServer _server;

    private MountedHost(BoardConnection connection, RawReplClient repl, FileServer server)
    {
        _connection = connection;
        Repl = repl;
        _server = server;
        _connection.RequestServed += (request, _, _) =>
        {
            lock (_requests)
                _requests.Add(Describe(request));
        };
    }

    public RawReplClient Repl { get; }

    /// <summary>The mount requests served so far, as text ("STAT /m.py", "READ 0 2048", ...).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    /// <summary>Opens <paramref name="devicePath"/>, enters the raw REPL, sends the board program and mounts <paramref name="directory"/>.</summary>
    /// <param name="autoMpy">mpyd's auto-mpy layer, or null to serve sources.</param>
    /// <param name="wrapTransport">Wraps the serial transport (e.g. to inject bytes), or null.</param>
    public static async Task<MountedHost> ConnectAsync(string devicePath, string directory, int readAhead, CancellationToken cancellationToken,
        AutoMpyInterceptor? autoMpy = null, Func<IDeviceTransport, IDeviceTransport>? wrapTransport = null)
    {
        IDeviceTransport transport = SerialTransport.Open(devicePath);
        if (wrapTransport is not null)
            transport = wrapTransport(transport);
        var connection = new BoardConnection(transport);
        var server = new FileServer(new MountRoot(directory), autoMpy);
        var host = new MountedHost(connection, new RawReplClient(connection), server);
        try
        {
            await host.Repl.EnterRawReplAsync(softReset: false, cancellationToken);
            connection.MountHandler = server;
            (await host.Repl.ExecAsync(BoardProgram.WireText, cancellationToken)).ThrowIfFailed(devicePath);
            (await host.Repl.ExecAsync(BoardProgram.MountCall(readAhead), cancellationToken)).ThrowIfFailed(devicePath);
            host.ClearRequests();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public void ClearRequests()
    {
        lock (_requests)
            _requests.Clear();
    }

    public Task<ExecResult> ExecAsync(string code, CancellationToken cancellationToken) => Repl.ExecAsync(code, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _connection.MountHandler = null;
        await _server.DisposeAsync();
        await _connection.DisposeAsync();
    }

    /// <summary>One request as text; file descriptors are the host's, so they compare across boards.</summary>
    public static string Describe(RemoteFsRequest request) => request switch
    {
        StatRequest r => $"STAT {r.Path}",
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
        _ => request.ToString(),
    };
}
