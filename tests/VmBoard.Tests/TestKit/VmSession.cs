using Mpyd.Protocol.Transport;

namespace Mpyd.VmBoard.Tests.TestKit;

/// <summary>A started VM board, a serial connection to it, and a REPL driver; with a hang guard.</summary>
public sealed class VmSession : IAsyncDisposable
{
    private readonly CancellationTokenSource _deadline;

    private VmSession(VmBoard board, IDeviceTransport link, TimeSpan hangGuard)
    {
        Board = board;
        Link = link;
        Repl = new ReplDriver(link);
        _deadline = new CancellationTokenSource(hangGuard);
    }

    public VmBoard Board { get; }

    public IDeviceTransport Link { get; }

    public ReplDriver Repl { get; }

    /// <summary>Cancelled when the hang guard expires.</summary>
    public CancellationToken Token => _deadline.Token;

    /// <summary>Starts a board, connects through its pseudo-terminal and enters the raw REPL.</summary>
    public static async Task<VmSession> StartAsync(bool enterRaw = true, TimeSpan? hangGuard = null)
    {
        var board = VmBoard.Start();
        try
        {
            var session = new VmSession(board, SerialTransport.Open(board.SlavePath), hangGuard ?? TimeSpan.FromSeconds(60));
            if (enterRaw)
                await session.Run(session.Repl.EnterRawAsync);
            return session;
        }
        catch
        {
            await board.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a step; a hang becomes a failure that shows what node reported.</summary>
    public async Task<T> Run<T>(Func<CancellationToken, Task<T>> step)
    {
        try
        {
            return await step(Token);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            throw new TimeoutException($"the VM board did not answer in time; node stderr:\n{Board.Diagnostics}");
        }
    }

    public Task Run(Func<CancellationToken, Task> step) => Run(async ct =>
    {
        await step(ct);
        return true;
    });

    public Task<ReplResult> ExecAsync(string code) => Run(ct => Repl.ExecAsync(code, ct));

    public async ValueTask DisposeAsync()
    {
        await Link.DisposeAsync();
        await Board.DisposeAsync();
        _deadline.Dispose();
    }
}
