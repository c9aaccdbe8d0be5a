using System.Globalization;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// Opens a transport from what the user typed: "socket://HOST:PORT" (raw TCP), "rfc2217://HOST:PORT"
/// (Telnet with RFC 2217), "port:PATH", or a serial device path ("/dev/ttyACM0", "/dev/pts/3", "COM3",
/// any existing path). "sim", "auto" and "id:SERIAL" are the executable's business.
/// </summary>
public static class TransportFactory
{
    public const string SocketPrefix = "socket://";
    public const string PortPrefix = "port:";

    /// <summary>How long a TCP connect may take before it is reported as a connect failure.</summary>
    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <exception cref="DeviceConnectException">The device cannot be opened, or the name is not a device.</exception>
    public static async Task<IDeviceTransport> OpenAsync(string device, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        if (device.StartsWith(SocketPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var (host, port) = ParseSocket(device);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ConnectTimeout);
            try
            {
                return await TcpTransport.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DeviceConnectException($"connecting to {device} took longer than {ConnectTimeout.TotalSeconds:0} s",
                    "check the address and that the host is reachable");
            }
        }
        if (device.StartsWith(Rfc2217Transport.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var (host, port) = ParseAddress(device, Rfc2217Transport.Prefix);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(ConnectTimeout);
            try
            {
                return await Rfc2217Transport.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DeviceConnectException($"connecting to {device} took longer than {ConnectTimeout.TotalSeconds:0} s",
                    "check the address and that the host is reachable");
            }
        }
        if (device.StartsWith(PortPrefix, StringComparison.OrdinalIgnoreCase))
            return SerialTransport.Open(device[PortPrefix.Length..]);
        if (LooksLikeSerialPort(device))
            return SerialTransport.Open(device);
        throw new DeviceConnectException($"unknown device '{device}'",
            "give a serial port (/dev/ttyACM0, COM3, port:PATH), id:SERIAL, auto, socket://HOST:PORT, rfc2217://HOST:PORT, or sim");
    }

    /// <summary>Splits "socket://host:port" (IPv6 hosts in brackets).</summary>
    /// <exception cref="DeviceConnectException">Malformed address.</exception>
    public static (string Host, int Port) ParseSocket(string device) => ParseAddress(device, SocketPrefix);

    /// <summary>Splits "PREFIXhost:port" (IPv6 hosts in brackets).</summary>
    /// <exception cref="DeviceConnectException">Malformed address.</exception>
    public static (string Host, int Port) ParseAddress(string device, string prefix)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(prefix);
        var rest = device[prefix.Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon > 0 && int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535)
        {
            var host = rest[..colon].Trim('[', ']');
            if (host.Length > 0)
                return (host, port);
        }
        throw new DeviceConnectException($"'{device}' is not a valid network address", $"write it as {prefix}HOST:PORT, e.g. {prefix}127.0.0.1:2217");
    }

    /// <summary>True for names that denote a serial port: /dev/tty*, /dev/cu.*, /dev/pts/N, COMn, or any existing path.</summary>
    public static bool LooksLikeSerialPort(string device) =>
        device.StartsWith("/dev/tty", StringComparison.Ordinal)
        || device.StartsWith("/dev/cu.", StringComparison.Ordinal)
        || device.StartsWith("/dev/pts/", StringComparison.Ordinal)
        || IsComPort(device)
        || File.Exists(device);

    private static bool IsComPort(string device) =>
        device.Length > 3 && device.StartsWith("COM", StringComparison.OrdinalIgnoreCase)
        && device.AsSpan(3).IndexOfAnyExceptInRange('0', '9') < 0;
}
