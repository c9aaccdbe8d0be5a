using System.IO.Pipelines;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// The one read loop of a stream-backed transport: copies the stream into a pipe until the stream
/// ends or fails, then completes the pipe, so the transport's Input completes when the link is gone.
/// Cancelled by closing the stream (serial reads do not honour tokens everywhere).
/// </summary>
internal sealed class StreamPump
{
    private const int ChunkSize = 4096;

    private readonly Pipe _pipe = new(new PipeOptions(useSynchronizationContext: false, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
    private readonly Stream _stream;

    public StreamPump(Stream stream)
    {
        _stream = stream;
        Completion = Task.Run(RunAsync);
    }

    public PipeReader Reader => _pipe.Reader;

    /// <summary>Ends when the loop has stopped; never faults.</summary>
    public Task Completion { get; }

    /// <summary>Why the link ended, when it ended with an error.</summary>
    public Exception? Fault { get; private set; }

    public long BytesRead { get; private set; }

    private async Task RunAsync()
    {
        var writer = _pipe.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(ChunkSize);
                var n = await _stream.ReadAsync(memory).ConfigureAwait(false);
                if (n == 0)
                    break;
                BytesRead += n;
                writer.Advance(n);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException
            or InvalidOperationException or UnauthorizedAccessException)
        {
            // The stream was closed under us or the device went away: both mean "link gone".
            Fault = ex;
        }
        await writer.CompleteAsync().ConfigureAwait(false);
    }
}
