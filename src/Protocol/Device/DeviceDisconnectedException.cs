namespace Mpyd.Protocol.Device;

/// <summary>The link to the board ended (cable pulled, board reset its USB, socket closed) while bytes were needed.</summary>
public sealed class DeviceDisconnectedException(string device, string during, Exception? innerException = null)
    : DeviceException($"{device} disconnected while {during}",
        "check the cable or network link and that the board is powered, then reconnect", innerException)
{
    public string Device { get; } = device;
}
