using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;
using static Mpyd.Protocol.Tests.Transport.Rfc2217Peer;

namespace Mpyd.Protocol.Tests.Transport;

/// <summary>The RFC 2217 client against a scripted access server on a real loopback socket.</summary>
public sealed class Rfc2217TransportTests
{
    private static async Task<(Rfc2217Transport Transport, Rfc2217Peer Peer)> ConnectAsync(byte[]? baudAck = null)
    {
        var peer = new Rfc2217Peer();
        var connect = TransportFactory.OpenAsync($"rfc2217://127.0.0.1:{peer.Port}", Guard());
        await peer.AcceptAsync();
        await peer.ServeNegotiationAsync(baudAck);
        return ((Rfc2217Transport)await connect, peer);
    }

    [Fact]
    public async Task Negotiates_options_and_sets_115200_8N1_with_dtr_and_rts()
    {
        var (transport, peer) = await ConnectAsync();
        await using (peer)
        await using (transport)
        {
            Assert.Equal($"rfc2217://127.0.0.1:{peer.Port}", transport.Name);
            Assert.Equal(115200u, transport.BaudRate);
        }
    }

    [Fact]
    public async Task Every_byte_value_passes_both_ways_with_255_doubled_on_the_wire()
    {
        var (transport, peer) = await ConnectAsync();
        await using var _ = peer;
        await using var __ = transport;
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await WriteAsync(transport.Output, all);
        await peer.ExpectAsync([.. all, 255]);

        // 0..254, then 255 twice, each escaped as IAC IAC.
        await peer.SendAsync([.. all[..255], 255, 255, 255, 255]);
        Assert.Equal([.. all, 255], await ReadExactlyAsync(transport.Input, 257));
    }

    [Fact]
    public async Task Commands_and_notifications_cut_anywhere_do_not_leak_into_the_data()
    {
        var (transport, peer) = await ConnectAsync();
        await using var _ = peer;
        await using var __ = transport;

        await peer.SendAsync([(byte)'a', Iac, Nop, (byte)'b', .. Sub(106, 0x10), (byte)'c', .. Sub(107, 0xB0), Iac, Iac, (byte)'d']);

        Assert.Equal([(byte)'a', (byte)'b', (byte)'c', 255, (byte)'d'], await ReadExactlyAsync(transport.Input, 5));
        Assert.Equal((byte)0x10, transport.LineState);
        Assert.Equal((byte)0xB0, transport.ModemState);
    }

    [Fact]
    public async Task A_255_inside_a_sub_negotiation_value_is_unescaped()
    {
        var (transport, peer) = await ConnectAsync(baudAck: [0x00, 0x01, 0xFF, 0x00]);
        await using var _ = peer;
        await using var __ = transport;
        Assert.Equal(0x0001FF00u, transport.BaudRate);
    }

    [Fact]
    public async Task A_signature_request_is_answered()
    {
        var (transport, peer) = await ConnectAsync();
        await using var _ = peer;
        await using var __ = transport;

        await peer.SendAsync(Sub(100));
        await peer.ExpectAsync(Sub(0, "mpyd"u8.ToArray()));
        await peer.SendAsync(Sub(100, "ser2net"u8.ToArray()));
        await peer.SendAsync(Sub(100));
        await peer.ExpectAsync(Sub(0, "mpyd"u8.ToArray()));
        Assert.Equal("ser2net", transport.ServerSignature);
    }

    [Fact]
    public async Task Data_waits_while_the_server_has_suspended_the_flow()
    {
        var (transport, peer) = await ConnectAsync();
        await using var _ = peer;
        await using var __ = transport;

        // Suspend, then a signature request: its answer proves the suspend was handled first.
        await peer.SendAsync([.. Sub(108), .. Sub(100)]);
        await peer.ExpectAsync(Sub(0, "mpyd"u8.ToArray()));
        Assert.True(transport.IsSuspended);
        await WriteAsync(transport.Output, "held"u8.ToArray());
        await peer.SendAsync(Sub(100));
        await peer.ExpectAsync(Sub(0, "mpyd"u8.ToArray())); // not "held": the data is still waiting

        await peer.SendAsync(Sub(109));
        await peer.ExpectAsync("held"u8.ToArray());
        Assert.False(transport.IsSuspended);
    }

    [Fact]
    public async Task Without_binary_mode_a_bare_cr_travels_as_cr_nul()
    {
        await using var p = new Rfc2217Peer();
        var connect = Rfc2217Transport.ConnectAsync("127.0.0.1", p.Port, Guard());
        await p.AcceptAsync();
        await p.ExpectAsync(ClientHello);
        await p.SendAsync(Iac, Dont, Binary, Iac, Wont, Binary, Iac, Do, ComPort);
        await p.ExpectAsync(ClientSettings);
        await p.SendAsync([.. Sub(101, 0, 1, 0xC2, 0), .. Sub(102, 8), .. Sub(103, 1), .. Sub(104, 1)]);
        await using var transport = await connect;

        await WriteAsync(transport.Output, "a\rb\r\n"u8.ToArray());
        await p.ExpectAsync("a\r\0b\r\n"u8.ToArray());
        await p.SendAsync("x\r\0y\r\n"u8.ToArray());
        Assert.Equal("x\ry\r\n"u8.ToArray(), await ReadExactlyAsync(transport.Input, 5));
    }

    [Fact]
    public async Task A_server_that_refuses_the_com_port_option_is_not_rfc2217()
    {
        await using var peer = new Rfc2217Peer();
        var connect = TransportFactory.OpenAsync($"rfc2217://127.0.0.1:{peer.Port}", Guard());
        await peer.AcceptAsync();
        await peer.ExpectAsync(ClientHello);
        await peer.SendAsync(Iac, Dont, ComPort);

        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => connect);
        Assert.Contains("does not speak RFC 2217", ex.Problem);
        Assert.Contains("socket://", ex.Hint);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_reported_when_the_negotiation_deadline_passes()
    {
        await using var peer = new Rfc2217Peer();
        var connect = Rfc2217Transport.ConnectAsync("127.0.0.1", peer.Port, TimeSpan.FromMilliseconds(200), Guard());
        await peer.AcceptAsync();

        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => connect);
        Assert.Contains("did not complete the RFC 2217 negotiation", ex.Problem);
    }

    [Fact]
    public async Task A_server_that_closes_during_negotiation_is_reported()
    {
        await using var peer = new Rfc2217Peer();
        var connect = Rfc2217Transport.ConnectAsync("127.0.0.1", peer.Port, Guard());
        await peer.AcceptAsync();
        await peer.ExpectAsync(ClientHello);
        peer.Close();

        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => connect);
        Assert.Contains("closed the connection", ex.Problem);
    }

    [Fact]
    public async Task What_a_refusing_server_says_before_hanging_up_is_quoted()
    {
        await using var peer = new Rfc2217Peer();
        var connect = Rfc2217Transport.ConnectAsync("127.0.0.1", peer.Port, Guard());
        await peer.AcceptAsync();
        await peer.ExpectAsync(ClientHello);
        await peer.SendAsync("Port already in use\r\n"u8.ToArray());
        peer.Close();

        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => connect);
        Assert.EndsWith("closed the connection during the RFC 2217 negotiation: \"Port already in use\"", ex.Problem);
    }

    [Fact]
    public async Task Input_completes_when_the_server_closes()
    {
        var (transport, peer) = await ConnectAsync();
        await using var __ = transport;
        await peer.SendAsync("bye"u8.ToArray());
        await peer.DisposeAsync();
        Assert.Equal("bye"u8.ToArray(), await ReadToEndAsync(transport.Input));
    }

    [Fact]
    public async Task Disposing_sends_pending_data_then_drops_rts_and_dtr_and_closes()
    {
        var (transport, peer) = await ConnectAsync();
        await using var _ = peer;
        await WriteAsync(transport.Output, "last"u8.ToArray());
        await transport.DisposeAsync();
        var received = await peer.ReadToEndAsync();
        byte[] expected = [(byte)'l', (byte)'a', (byte)'s', (byte)'t', .. Sub(5, 12), .. Sub(5, 9)];
        Assert.Equal(expected, received);
    }

    [Theory]
    [InlineData("rfc2217://", "not a valid network address")]
    [InlineData("rfc2217://host", "not a valid network address")]
    [InlineData("rfc2217://host:0", "not a valid network address")]
    [InlineData("rfc2217://127.0.0.1:1", "cannot connect to rfc2217://127.0.0.1:1")]
    public async Task Bad_addresses_are_typed_errors(string device, string expected)
    {
        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => TransportFactory.OpenAsync(device, Guard()));
        Assert.Contains(expected, ex.Problem);
    }
}
