namespace Mpyd.MountDaemon.Commands.Devices;

/// <summary>
/// One serial port as "connect list" shows it. Null means the system did not say (non-USB port,
/// or a system where mpyd cannot read USB descriptors).
/// </summary>
/// <param name="Device">What to pass to "connect": "/dev/ttyACM0", "COM3".</param>
/// <param name="IsUsb">A USB serial port ("auto" considers only these, and only with a VID and PID).</param>
internal sealed record PortInfo(string Device, bool IsUsb, int? Vid = null, int? Pid = null, string? SerialNumber = null,
    string? Manufacturer = null, string? Product = null)
{
    /// <summary>"auto" picks only ports whose USB vendor and product ids are known, as mpremote does.</summary>
    public bool HasUsbIds => Vid is not null && Pid is not null;
}
