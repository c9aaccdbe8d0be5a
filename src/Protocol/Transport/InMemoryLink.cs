using System.IO.Pipelines;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// A host transport and a board end joined by two in-memory pipes, for the simulated board and tests.
/// Disposing the host transport completes the board's Input; disposing the board end (it also
/// implements <see cref="IAsyncDisposable"/>) or completing its Output completes the host's Input.
/// </summary>
public static class InMemoryLink
{
    public static (IDeviceTransport Host, IDuplexPipe Board) Create(string name = "sim")
    {
        var options = new PipeOptions(useSynchronizationContext: false, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19);
        var toHost = new Pipe(options);
        var toBoard = new Pipe(options);
        return (new End(name, toHost.Reader, toBoard.Writer), new End(name + " (board end)", toBoard.Reader, toHost.Writer));
    }

    private sealed class End(string name, PipeReader input, PipeWriter output) : IDeviceTransport, IDuplexPipe
    {
        private int _disposed;

        public string Name { get; } = name;

        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            await Output.CompleteAsync().ConfigureAwait(false);
            await Input.CompleteAsync().ConfigureAwait(false);
        }

        public override string ToString() => Name;
    }
}
