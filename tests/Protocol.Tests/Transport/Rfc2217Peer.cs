using System.Net;
using System.Net.Sockets;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Transport;

/// <summary>
/// The access-server side of RFC 2217 on a real loopback socket, scripted byte for byte. Everything
/// it sends goes out one byte per write, so the client sees IAC sequences cut at every point.
/// </summary>
internal sealed class Rfc2217Peer : IAsyncDisposable
{
    public const byte Iac = 255, Sb = 250, Se = 240, Will = 251, Wont = 252, Do = 253, Dont = 254, Nop = 241;
    public const byte Binary = 0, Echo = 1, Sga = 3, ComPort = 44;

    /// <summary>What the client sends first: WILL/DO BINARY, WILL/DO SGA, WILL COM-PORT.</summary>
    public static readonly byte[] ClientHello =
        [Iac, Will, Binary, Iac, Do, Binary, Iac, Will, Sga, Iac, Do, Sga, Iac, Will, ComPort];

    /// <summary>115200 8N1, no flow control, DTR on, RTS on.</summary>
    public static readonly byte[] ClientSettings =
    [
        .. Sub(1, 0x00, 0x01, 0xC2, 0x00), .. Sub(2, 8), .. Sub(3, 1), .. Sub(4, 1), .. Sub(5, 1), .. Sub(5, 8), .. Sub(5, 11),
    ];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private Socket? _client;
    private NetworkStream? _stream;

    public Rfc2217Peer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private NetworkStream Stream => _stream ?? throw new InvalidOperationException("no client yet");

    /// <summary>IAC SB COM-PORT command value... IAC SE, 255 in the value doubled.</summary>
    public static byte[] Sub(byte command, params byte[] value) =>
        [Iac, Sb, ComPort, command, .. value.SelectMany(b => b == Iac ? new[] { Iac, Iac } : new[] { b }), Iac, Se];

    public async Task AcceptAsync()
    {
        _client = await _listener.AcceptSocketAsync(Guard());
        _client.NoDelay = true;
        _stream = new NetworkStream(_client, ownsSocket: true);
    }

    public async Task SendAsync(params byte[] bytes)
    {
        foreach (var b in bytes)
            await Stream.WriteAsync(new[] { b }, Guard());
    }

    public Task<byte[]> ReadAsync(int count) => ReadExactlyAsync(Stream, count);

    public async Task ExpectAsync(byte[] expected) => Assert.Equal(expected, await ReadAsync(expected.Length));

    /// <summary>Reads until the client closes; returns the bytes before the end.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        using var all = new MemoryStream();
        await Stream.CopyToAsync(all, Guard());
        return all.ToArray();
    }

    /// <summary>
    /// The usual server side: agrees to BINARY and SGA, offers ECHO (which the client must refuse),
    /// accepts COM-PORT, and acknowledges the settings (baud as <paramref name="baudAck"/>).
    /// </summary>
    public async Task ServeNegotiationAsync(byte[]? baudAck = null)
    {
        await ExpectAsync(ClientHello);
        await SendAsync(Iac, Do, Binary, Iac, Will, Binary, Iac, Do, Sga, Iac, Will, Sga, Iac, Will, Echo);
        await ExpectAsync([Iac, Dont, Echo]);
        await SendAsync(Iac, Do, ComPort);
        await ExpectAsync(ClientSettings);
        await SendAsync([.. Sub(101, baudAck ?? [0x00, 0x01, 0xC2, 0x00]), .. Sub(102, 8), .. Sub(103, 1), .. Sub(104, 1), .. Sub(105, 1)]);
    }

    /// <summary>Closes the connection to the client.</summary>
    public void Close() => _stream?.Dispose();

    public ValueTask DisposeAsync()
    {
        _stream?.Dispose();
        _listener.Stop();
        _listener.Dispose();
        return ValueTask.CompletedTask;
    }
}
