using System.Net.Sockets;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Transport;

/// <summary>The TCP connect shared by socket:// and rfc2217://, with its failures told apart.</summary>
internal static class TcpConnector
{
    /// <exception cref="DeviceConnectException">Refused, unknown host, unreachable.</exception>
    public static async Task<Socket> ConnectAsync(string name, string host, int port, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            var hint = ex.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "nothing is listening there; start the board bridge or simulator, or check the port number",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "check the host name",
                _ => "check the address and that the host is reachable",
            };
            throw new DeviceConnectException($"cannot connect to {name}: {ex.Message}", hint, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
