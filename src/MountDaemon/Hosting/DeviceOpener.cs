using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Link;
using Mpyd.MountDaemon.Commands.Devices;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Turns what the user typed after "connect" into an open link, as mpremote reads it: "auto" (or
/// nothing) = the first USB serial port with vendor and product ids that opens (ports in use are
/// skipped); "id:SERIAL" = the USB port with that serial number; "sim" = the built-in simulated
/// board in this process; anything else (port:PATH, socket://, rfc2217://, a device path) goes to
/// <see cref="TransportFactory"/>. Every failure is a <see cref="DeviceConnectException"/>.
/// </summary>
internal sealed class DeviceOpener(MountSettings settings)
{
    public const string SimulatedDevice = "sim";
    public const string AutoDevice = "auto";
    public const string SerialNumberPrefix = "id:";

    /// <summary>Where the port list comes from on Linux (tests point these at a fake tree).</summary>
    public string SysfsRoot { get; init; } = "/sys";

    public string DevRoot { get; init; } = "/dev";

    /// <exception cref="DeviceConnectException">No such device, in use, not accessible, unreachable.</exception>
    public async Task<IDeviceTransport> OpenAsync(string? device, CancellationToken cancellationToken)
    {
        if (device is null or AutoDevice)
            return await OpenFirstUsbPortAsync(cancellationToken).ConfigureAwait(false);
        if (device == SimulatedDevice)
            return StartSimulatedBoard();
        if (device.StartsWith(SerialNumberPrefix, StringComparison.Ordinal))
            return await OpenBySerialNumberAsync(device[SerialNumberPrefix.Length..], cancellationToken).ConfigureAwait(false);
        return await TransportFactory.OpenAsync(device, cancellationToken).ConfigureAwait(false);
    }

    private IDeviceTransport StartSimulatedBoard()
    {
        var link = settings.SimLink switch
        {
            "uart" => LinkModel.Uart115200,
            "usb" => LinkModel.Usb12M,
            _ => null,
        };
        var board = new SimulatedBoard(new SimulatedBoardOptions { Link = link });
        var (host, boardEnd) = InMemoryLink.Create(SimulatedDevice);
        // The board runs until the host side of the link is disposed, which completes its input.
        _ = Task.Run(() => board.RunAsync(boardEnd, CancellationToken.None));
        return host;
    }

    private async Task<IDeviceTransport> OpenFirstUsbPortAsync(CancellationToken cancellationToken)
    {
        var candidates = PortLister.List(SysfsRoot, DevRoot).Where(p => p.IsUsb && (p.HasUsbIds || !OperatingSystem.IsLinux())).ToList();
        var skipped = new List<string>();
        foreach (var port in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await TransportFactory.OpenAsync(port.Device, cancellationToken).ConfigureAwait(false);
            }
            catch (DeviceConnectException e)
            {
                skipped.Add(e.Problem); // in use by another program, or no permission: try the next one, as mpremote does
            }
        }
        if (skipped.Count > 0)
        {
            throw new DeviceConnectException("no device found",
                $"{string.Join("; ", skipped)}; free a port, or name the device: 'mpyd connect /dev/ttyACM0 ...'");
        }
        throw new DeviceConnectException("no device found",
            "plug a board in; 'mpyd connect list' shows the ports to name, as in 'mpyd connect /dev/ttyACM0 ...'; or try the simulated board: 'mpyd connect sim ...'");
    }

    private async Task<IDeviceTransport> OpenBySerialNumberAsync(string serialNumber, CancellationToken cancellationToken)
    {
        var port = PortLister.List(SysfsRoot, DevRoot).FirstOrDefault(p => p.SerialNumber == serialNumber);
        if (port is null)
        {
            throw new DeviceConnectException($"no device with serial number {serialNumber}",
                OperatingSystem.IsLinux()
                    ? "'mpyd connect list' shows the serial numbers in its second column"
                    : "serial numbers are read from Linux sysfs only; name the port instead ('mpyd connect list' shows them)");
        }
        return await TransportFactory.OpenAsync(port.Device, cancellationToken).ConfigureAwait(false);
    }
}
