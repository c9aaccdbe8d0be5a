namespace Mpyd.Protocol.Device;

/// <summary>
/// The host and the board lost step: mount request bytes missing or impossible, or an unexpected
/// reply during a raw-REPL exchange.
/// </summary>
public sealed class ProtocolDesyncException(string device, string detail, Exception? innerException = null)
    : DeviceException($"lost step with {device}: {detail}",
        "soft-reset the board (Ctrl-D in the terminal, or press its reset button) and retry; a mount is then set up again", innerException)
{
    public string Device { get; } = device;
}
