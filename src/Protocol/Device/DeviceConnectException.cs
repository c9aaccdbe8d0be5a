namespace Mpyd.Protocol.Device;

/// <summary>The device could not be opened: missing, busy, permission denied, unreachable.</summary>
public sealed class DeviceConnectException(string message, string hint, Exception? innerException = null)
    : DeviceException(message, hint, innerException);
