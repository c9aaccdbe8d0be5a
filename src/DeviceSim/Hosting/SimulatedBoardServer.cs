using System.Net;
using System.Net.Sockets;

namespace Mpyd.DeviceSim.Hosting;

/// <summary>
/// Serves simulated boards over TCP on 127.0.0.1 (what "socket://127.0.0.1:PORT" connects to).
/// Either a new board per connection, or one shared board that keeps its state between
/// connections; a shared board serves one client at a time, later ones wait their turn.
/// </summary>
public sealed class SimulatedBoardServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<SimulatedBoard>? _factory;
    private readonly SimulatedBoard? _shared;
    private readonly List<SimulatedBoard> _boards = [];
    private readonly object _gate = new();
    private readonly SemaphoreSlim _sharedTurn = new(1, 1);

    /// <summary>A new board from <paramref name="boardFactory"/> for every connection.</summary>
    public SimulatedBoardServer(Func<SimulatedBoard> boardFactory, int port = 0)
        : this(port)
    {
        _factory = boardFactory ?? throw new ArgumentNullException(nameof(boardFactory));
    }

    /// <summary>One board for all connections, one at a time.</summary>
    public SimulatedBoardServer(SimulatedBoard sharedBoard, int port = 0)
        : this(port)
    {
        _shared = sharedBoard ?? throw new ArgumentNullException(nameof(sharedBoard));
        _boards.Add(sharedBoard);
    }

    private SimulatedBoardServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    /// <summary>Where it listens (port 0 at construction picks a free port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The address a host connects to: "socket://127.0.0.1:PORT".</summary>
    public string Address => $"socket://127.0.0.1:{EndPoint.Port}";

    /// <summary>Boards created (or the shared one).</summary>
    public IReadOnlyList<SimulatedBoard> Boards
    {
        get
        {
            lock (_gate)
                return [.. _boards];
        }
    }

    /// <summary>Accepts connections until cancelled; each runs its board until the client disconnects.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sessions = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Socket socket;
                try
                {
                    socket = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                sessions.RemoveAll(t => t.IsCompleted);
                sessions.Add(ServeAsync(socket, cancellationToken));
            }
        }
        finally
        {
            await Task.WhenAll(sessions).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            SimulatedBoard board;
            if (_shared is not null)
            {
                try
                {
                    await _sharedTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                board = _shared;
            }
            else
            {
                board = _factory!();
                lock (_gate)
                    _boards.Add(board);
            }
            try
            {
                await board.RunAsync(StreamLink.FromStream(stream), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The client vanished.
            }
            catch (SocketException)
            {
            }
            finally
            {
                if (_shared is not null)
                    _sharedTurn.Release();
            }
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
