using System.IO.Pipelines;
using System.Net.Sockets;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Transport;

/// <summary>A board reached over TCP (socket://HOST:PORT): a serial-to-network bridge, an emulator, or the simulated board.</summary>
public sealed class TcpTransport : IDeviceTransport
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamPump _pump;
    private int _disposed;

    private TcpTransport(string name, Socket socket)
    {
        Name = name;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _pump = new StreamPump(_stream);
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public string Name { get; }

    public PipeReader Input => _pump.Reader;

    public PipeWriter Output { get; }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>; the token bounds the attempt.</summary>
    /// <exception cref="DeviceConnectException">The connection was refused, the host is unknown or unreachable.</exception>
    public static async Task<TcpTransport> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var name = $"socket://{host}:{port}";
        var socket = await TcpConnector.ConnectAsync(name, host, port, cancellationToken).ConfigureAwait(false);
        return new TcpTransport(name, socket);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            await Output.CompleteAsync().ConfigureAwait(false);
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Already reset by the peer: nothing to shut down.
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _pump.Completion.ConfigureAwait(false);
    }

    public override string ToString() => Name;
}
