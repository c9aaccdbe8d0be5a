using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Link;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Turns what the user typed after "connect" into an open link: "sim" starts the built-in
/// simulated board in this process; anything else goes to <see cref="TransportFactory"/>; no
/// device means the first USB serial port that can be opened (mpremote's "auto").
/// </summary>
internal sealed class DeviceOpener(MountSettings settings)
{
    public const string SimulatedDevice = "sim";

    public async Task<IDeviceTransport> OpenAsync(string? device, CancellationToken cancellationToken)
    {
        if (device is null or "auto")
            return await OpenFirstUsbPortAsync(cancellationToken).ConfigureAwait(false);
        if (device == SimulatedDevice)
            return StartSimulatedBoard();
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

    private static async Task<IDeviceTransport> OpenFirstUsbPortAsync(CancellationToken cancellationToken)
    {
        var ports = SerialPortScanner.UsbSerialPorts();
        DeviceConnectException? last = null;
        foreach (var port in ports)
        {
            try
            {
                return await TransportFactory.OpenAsync(port, cancellationToken).ConfigureAwait(false);
            }
            catch (DeviceConnectException e)
            {
                last = e; // busy in another program, or no permission: try the next one, as mpremote does
            }
        }
        if (last is not null)
            throw new DeviceConnectException($"no USB serial port could be opened ({last.Problem})", last.Hint);
        throw new DeviceConnectException("no MicroPython board found on the USB serial ports",
            "plug a board in, name it with 'mpyd connect /dev/ttyACM0 ...', or try the simulated board: 'mpyd connect sim ...'");
    }
}
