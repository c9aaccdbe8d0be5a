namespace Mpyd.Protocol.Device;

/// <summary>The mount protocol lost step with the board (missing or impossible request bytes).</summary>
public sealed class ProtocolDesyncException(string device, string detail, Exception? innerException = null)
    : DeviceException($"mount protocol out of step on {device}: {detail}",
        "soft-reset the board (Ctrl-D in the terminal) so the directory is mounted again", innerException)
{
    public string Device { get; } = device;
}
