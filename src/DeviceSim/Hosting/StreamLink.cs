using System.IO.Pipelines;

namespace Mpyd.DeviceSim.Hosting;

/// <summary>Wraps a byte stream (TCP socket, pty master) as the duplex pipe a board runs on.</summary>
public static class StreamLink
{
    /// <summary>The stream stays open; dispose it after the board's run ends.</summary>
    public static IDuplexPipe FromStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new Duplex(
            PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true)),
            PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true)));
    }

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
