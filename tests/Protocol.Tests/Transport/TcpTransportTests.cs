using System.Net;
using System.Net.Sockets;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Transport;

public class TcpTransportTests
{
    [Fact]
    public async Task Talks_to_a_real_listener_and_completes_input_when_the_peer_closes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var accept = listener.AcceptTcpClientAsync(Guard()).AsTask();
        await using var transport = await TransportFactory.OpenAsync($"socket://127.0.0.1:{port}", Guard());
        Assert.Equal($"socket://127.0.0.1:{port}", transport.Name);
        using var peer = await accept;
        var peerStream = peer.GetStream();

        await WriteAsync(transport.Output, "\r\x01"u8.ToArray());
        Assert.Equal("\r\x01"u8.ToArray(), await ReadExactlyAsync(peerStream, 2));

        await peerStream.WriteAsync("raw REPL; CTRL-B to exit\r\n>"u8.ToArray(), Guard());
        Assert.Equal("raw REPL; CTRL-B to exit\r\n>"u8.ToArray(), await ReadExactlyAsync(transport.Input, 27));

        await peerStream.WriteAsync(new byte[] { 0x18, 0x01 }, Guard());
        peer.Close();
        Assert.Equal(new byte[] { 0x18, 0x01 }, await ReadToEndAsync(transport.Input));
    }

    [Fact]
    public async Task Disposing_ends_the_peer_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync(Guard()).AsTask();
        var transport = await TcpTransport.ConnectAsync("127.0.0.1", port, Guard());
        using var peer = await accept;
        await transport.DisposeAsync();
        var n = await peer.GetStream().ReadAsync(new byte[1], Guard());
        Assert.Equal(0, n);
    }

    [Fact]
    public async Task Refused_connection_is_a_typed_connect_error()
    {
        // A port that was just free: bind, read the number, release.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => TransportFactory.OpenAsync($"socket://127.0.0.1:{port}", Guard()));
        Assert.Contains($"socket://127.0.0.1:{port}", ex.Message);
        Assert.Contains("nothing is listening", ex.Hint);
    }

    [Theory]
    [InlineData("socket://127.0.0.1:2217", "127.0.0.1", 2217)]
    [InlineData("socket://board.local:23/", "board.local", 23)]
    [InlineData("socket://[::1]:2217", "::1", 2217)]
    public void Socket_addresses_parse(string device, string host, int port) =>
        Assert.Equal((host, port), TransportFactory.ParseSocket(device));

    [Theory]
    [InlineData("socket://host")]
    [InlineData("socket://:80")]
    [InlineData("socket://host:0")]
    [InlineData("socket://host:70000")]
    [InlineData("socket://host:x")]
    public void Bad_socket_addresses_are_typed_errors(string device) =>
        Assert.Throws<DeviceConnectException>(() => TransportFactory.ParseSocket(device));

    [Fact]
    public async Task Unknown_device_names_are_refused_with_a_hint()
    {
        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => TransportFactory.OpenAsync("no-such-thing", Guard()));
        Assert.Contains("socket://HOST:PORT", ex.Hint);
    }

    [Theory]
    [InlineData("/dev/ttyACM0", true)]
    [InlineData("/dev/ttyUSB1", true)]
    [InlineData("/dev/pts/7", true)]
    [InlineData("/dev/cu.usbmodem101", true)]
    [InlineData("COM3", true)]
    [InlineData("com12", true)]
    [InlineData("COM", false)]
    [InlineData("COMX", false)]
    [InlineData("sim", false)]
    public void Serial_port_names_are_recognised(string device, bool expected) =>
        Assert.Equal(expected, TransportFactory.LooksLikeSerialPort(device));
}
