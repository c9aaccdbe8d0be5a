using Mpyd.DeviceSim;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;
using Mpyd.Protocol.Transport;

namespace Mpyd.Protocol.Tests.TestKit;

/// <summary>The host stack (connection + raw REPL client) wired to an in-process simulated board.</summary>
internal sealed class SimSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public SimSession(SimulatedBoardOptions? options = null)
    {
        var (host, board) = InMemoryLink.Create("sim");
        Board = new SimulatedBoard(options);
        _run = Board.RunAsync(board, _stop.Token);
        Connection = new BoardConnection(host);
        Client = new RawReplClient(Connection);
    }

    public SimulatedBoard Board { get; }

    public BoardConnection Connection { get; }

    public RawReplClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _stop.CancelAsync();
        await _run.WaitAsync(PipeReading.HangGuard);
        _stop.Dispose();
    }
}
