using System.IO.Pipelines;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// One seam for bytes on a wire: a serial port, a TCP socket, or an in-memory link to the
/// simulated board. Input completes when the link is gone (disconnect, port closed).
/// </summary>
public interface IDeviceTransport : IAsyncDisposable
{
    /// <summary>What the user named: "/dev/ttyACM0", "socket://127.0.0.1:2217", "sim".</summary>
    string Name { get; }

    /// <summary>Bytes from the board.</summary>
    PipeReader Input { get; }

    /// <summary>Bytes to the board; callers flush after each logical write.</summary>
    PipeWriter Output { get; }
}
