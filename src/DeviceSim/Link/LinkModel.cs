namespace Mpyd.DeviceSim.Link;

/// <summary>
/// Speed of a simulated link, per direction: bytes per second (0 or less = unlimited) and a fixed
/// latency charged to every transfer (every chunk a sender flushes).
/// </summary>
public sealed record LinkModel(double BytesPerSecondToBoard, double BytesPerSecondToHost, TimeSpan LatencyToBoard, TimeSpan LatencyToHost)
{
    /// <summary>A USB-UART bridge at 115200 baud, 8N1: 11520 bytes/s each way, no per-transfer latency.</summary>
    public static LinkModel Uart115200 { get; } = new(11_520, 11_520, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>USB full speed CDC: about 1.2 MB/s each way, 1 ms per transfer (one frame).</summary>
    public static LinkModel Usb12M { get; } = new(1.2e6, 1.2e6, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

    /// <summary>The same speed and latency both ways.</summary>
    public static LinkModel Symmetric(double bytesPerSecond, TimeSpan latency) => new(bytesPerSecond, bytesPerSecond, latency, latency);

    /// <summary>How long <paramref name="bytes"/> bytes sent as one transfer take to arrive.</summary>
    public TimeSpan TransferTime(LinkDirection direction, long bytes)
    {
        var (rate, latency) = direction == LinkDirection.ToBoard
            ? (BytesPerSecondToBoard, LatencyToBoard)
            : (BytesPerSecondToHost, LatencyToHost);
        if (bytes <= 0)
            return TimeSpan.Zero;
        var wire = rate > 0 ? TimeSpan.FromTicks((long)Math.Ceiling(bytes * TimeSpan.TicksPerSecond / rate)) : TimeSpan.Zero;
        return latency + wire;
    }
}
