using System.IO.Pipelines;
using System.IO.Ports;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// A board on a serial port (USB-CDC or a USB-UART bridge): exclusive open, 8N1 without flow control,
/// DTR and RTS asserted (USB-CDC boards only send while DTR is up). One read loop on the port's
/// stream feeds <see cref="Input"/>; disposing closes the port, which is what ends that loop.
/// </summary>
public sealed class SerialTransport : IDeviceTransport
{
    private readonly SerialPort _port;
    private readonly int _lockFd;
    private readonly StreamPump _pump;
    private int _disposed;

    private SerialTransport(SerialPort port, int lockFd)
    {
        _port = port;
        _lockFd = lockFd;
        Name = port.PortName;
        var stream = port.BaseStream;
        _pump = new StreamPump(stream);
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public string Name { get; }

    public PipeReader Input => _pump.Reader;

    public PipeWriter Output { get; }

    /// <summary>Opens <paramref name="portName"/> ("/dev/ttyACM0", "/dev/pts/3", "COM3").</summary>
    /// <exception cref="DeviceConnectException">The port is missing, in use, or not accessible.</exception>
    public static SerialTransport Open(string portName, int baudRate = 115200)
    {
        ArgumentException.ThrowIfNullOrEmpty(portName);
        // Never 1200: closing a port at 1200 baud sends some boards to their bootloader.
        ArgumentOutOfRangeException.ThrowIfEqual(baudRate, 1200);
        var lockFd = -1;
        if (!OperatingSystem.IsWindows())
            lockFd = SerialPortLock.Acquire(portName);

        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = SerialPort.InfiniteTimeout,
        };
        try
        {
            port.Open();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            port.Dispose();
            if (lockFd >= 0)
                SerialPortLock.Release(lockFd);
            throw MapOpenFailure(portName, ex);
        }

        // After open, and failures ignored: pseudo-terminals have no modem lines and throw here.
        TrySet(() => port.DtrEnable = true);
        TrySet(() => port.RtsEnable = true);
        return new SerialTransport(port, lockFd);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The port is already gone; pending output has nowhere to go.
        }
        // RTS first, then DTR (ESP auto-reset circuits); pseudo-terminals refuse both.
        TrySet(() => _port.RtsEnable = false);
        TrySet(() => _port.DtrEnable = false);
        try
        {
            _port.Close();
        }
        catch (IOException)
        {
            // Closing a port whose device vanished can fail; it is closed either way.
        }
        // SerialStream (Unix) can leave a ReadAsync issued just before Close pending forever
        // (seen under load, about 1 close in 2000): bound the wait for the read loop.
        try
        {
            await _pump.Completion.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The loop is stuck in the framework; the port is closed, nothing more will arrive.
        }
        _port.Dispose();
        if (_lockFd >= 0)
            SerialPortLock.Release(_lockFd);
    }

    public override string ToString() => Name;

    private static void TrySet(Action set)
    {
        try
        {
            set();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Lines unsupported by this device (pty) or port already gone.
        }
    }

    private static DeviceConnectException MapOpenFailure(string portName, Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => SerialPortLock.Missing(portName, ex),
        // Windows reports a port held by another program as access denied.
        UnauthorizedAccessException when OperatingSystem.IsWindows() => SerialPortLock.Busy(portName, ex),
        UnauthorizedAccessException => SerialPortLock.PermissionDenied(portName, ex),
        IOException io when (io.HResult & 0xFFFF) == 16 => SerialPortLock.Busy(portName, ex),
        IOException when OperatingSystem.IsWindows() && !SerialPort.GetPortNames().Contains(portName, StringComparer.OrdinalIgnoreCase)
            => SerialPortLock.Missing(portName, ex),
        _ => new DeviceConnectException($"failed to access {portName}: {ex.Message}",
            "it may be in use by another program; check the port name and that the board is connected", ex),
    };
}
