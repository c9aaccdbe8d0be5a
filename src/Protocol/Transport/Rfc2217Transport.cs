using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// A serial port on a network access server that speaks Telnet with RFC 2217 (rfc2217://HOST:PORT,
/// e.g. ser2net's "telnet(rfc2217)" accepter). Negotiates BINARY and SUPPRESS-GO-AHEAD both ways and
/// COM-PORT-OPTION, sets 115200 8N1 without flow control, raises DTR and RTS as a local serial open
/// does, then carries data with 255 doubled on the wire. One receive loop decodes Telnet into
/// <see cref="Input"/> and answers the server; one send loop encodes <see cref="Output"/>.
/// </summary>
public sealed class Rfc2217Transport : IDeviceTransport
{
    public const string Prefix = "rfc2217://";
    public const int DefaultBaudRate = 115200;

    private static readonly HashSet<byte> s_acceptLocal = [Telnet.OptionBinary, Telnet.OptionSuppressGoAhead, Telnet.OptionComPort];
    private static readonly HashSet<byte> s_acceptRemote = [Telnet.OptionBinary, Telnet.OptionSuppressGoAhead];
    private static readonly PipeOptions s_pipeOptions =
        new(useSynchronizationContext: false, pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Pipe _input = new(s_pipeOptions);
    private readonly Pipe _output = new(s_pipeOptions);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TelnetDecoder _decoder = new();
    private readonly TelnetOptions _options = new(s_acceptLocal, s_acceptRemote);
    // Guards _options, _acks and _resumed: touched by the receive loop, the send loop and set-up.
    private readonly Lock _gate = new();
    private readonly Dictionary<ComPortCommand, TaskCompletionSource<byte[]>> _acks = [];
    private readonly TaskCompletionSource _comPortDecided = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _resumed = Completed();
    private Task _receiveLoop = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private bool _negotiated;
    private int _disposed;

    private Rfc2217Transport(string name, Socket socket)
    {
        Name = name;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public string Name { get; }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    /// <summary>The baud rate the server reported after our SET-BAUDRATE.</summary>
    public uint BaudRate { get; private set; }

    /// <summary>The server's signature text, if it sent one.</summary>
    public string? ServerSignature { get; private set; }

    /// <summary>The last NOTIFY-LINESTATE bits (RFC 2217: 0x02 overrun, 0x04 parity, 0x08 framing, 0x10 break...).</summary>
    public byte? LineState { get; private set; }

    /// <summary>The last NOTIFY-MODEMSTATE bits (RFC 2217: 0x10 CTS, 0x20 DSR, 0x80 carrier detect...).</summary>
    public byte? ModemState { get; private set; }

    /// <summary>True while the server has asked us to stop sending (FLOWCONTROL-SUSPEND).</summary>
    public bool IsSuspended
    {
        get
        {
            lock (_gate)
                return !_resumed.Task.IsCompleted;
        }
    }

    /// <summary>Connects and negotiates; <paramref name="cancellationToken"/> bounds the TCP connect and the negotiation.</summary>
    /// <exception cref="DeviceConnectException">Unreachable, not an RFC 2217 server, or closed during negotiation.</exception>
    public static Task<Rfc2217Transport> ConnectAsync(string host, int port, CancellationToken cancellationToken) =>
        ConnectAsync(host, port, TimeSpan.FromSeconds(5), cancellationToken);

    /// <param name="negotiationTimeout">How long the server may take to answer the option negotiation and the settings.</param>
    /// <exception cref="DeviceConnectException">Unreachable, not an RFC 2217 server, or closed during negotiation.</exception>
    public static async Task<Rfc2217Transport> ConnectAsync(string host, int port, TimeSpan negotiationTimeout,
        CancellationToken cancellationToken)
    {
        var name = $"{Prefix}{host}:{port}";
        var socket = await TcpConnector.ConnectAsync(name, host, port, cancellationToken).ConfigureAwait(false);
        var transport = new Rfc2217Transport(name, socket);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(negotiationTimeout);
            try
            {
                await transport.NegotiateAsync(DefaultBaudRate, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                throw transport.ClosedDuringNegotiation(ex);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DeviceConnectException(
                    $"{name} did not complete the RFC 2217 negotiation within {negotiationTimeout.TotalSeconds:0.#} s",
                    "check that the port speaks Telnet with RFC 2217, as a ser2net 'accepter: telnet(rfc2217),tcp,PORT' does; for a raw TCP port use socket://HOST:PORT");
            }
            return transport;
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task NegotiateAsync(int baudRate, CancellationToken cancellationToken)
    {
        var hello = new ArrayBufferWriter<byte>();
        lock (_gate)
        {
            _options.RequestLocal(Telnet.OptionBinary, hello);
            _options.RequestRemote(Telnet.OptionBinary, hello);
            _options.RequestLocal(Telnet.OptionSuppressGoAhead, hello);
            _options.RequestRemote(Telnet.OptionSuppressGoAhead, hello);
            _options.RequestLocal(Telnet.OptionComPort, hello);
        }
        await SendAsync(hello.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        await _comPortDecided.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_options.IsLocalRefused(Telnet.OptionComPort))
            {
                throw new DeviceConnectException($"{Name} does not speak RFC 2217: it refused the COM-PORT option",
                    "for a raw TCP port use socket://HOST:PORT; in ser2net write 'accepter: telnet(rfc2217),tcp,PORT'");
            }
        }

        Span<byte> baud = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(baud, (uint)baudRate); // RFC 2217: network byte order
        var settings = new ArrayBufferWriter<byte>();
        var acks = new[]
        {
            ExpectAck(ComPortCommand.SetBaudRate), ExpectAck(ComPortCommand.SetDataSize),
            ExpectAck(ComPortCommand.SetParity), ExpectAck(ComPortCommand.SetStopSize),
        };
        WriteComPort(ComPortCommand.SetBaudRate, baud, settings);
        WriteComPort(ComPortCommand.SetDataSize, [8], settings);
        WriteComPort(ComPortCommand.SetParity, [1], settings);
        WriteComPort(ComPortCommand.SetStopSize, [1], settings);
        WriteComPort(ComPortCommand.SetControl, [ComPortControl.NoFlowControl], settings);
        // DTR then RTS, as a local open: USB-CDC boards only send while DTR is up.
        WriteComPort(ComPortCommand.SetControl, [ComPortControl.DtrOn], settings);
        WriteComPort(ComPortCommand.SetControl, [ComPortControl.RtsOn], settings);
        await SendAsync(settings.WrittenMemory, cancellationToken).ConfigureAwait(false);
        var answers = await Task.WhenAll(acks).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (answers[0].Length >= 4)
            BaudRate = BinaryPrimitives.ReadUInt32BigEndian(answers[0]);
        lock (_gate)
            _negotiated = true;
        _sendLoop = Task.Run(SendLoopAsync, CancellationToken.None);
    }

    private Task<byte[]> ExpectAck(ComPortCommand command)
    {
        var ack = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _acks[command] = ack;
        return ack.Task;
    }

    private static void WriteComPort(ComPortCommand command, ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        Span<byte> payload = stackalloc byte[1 + value.Length];
        payload[0] = (byte)command;
        value.CopyTo(payload[1..]);
        TelnetEncoder.WriteSubnegotiation(Telnet.OptionComPort, payload, output);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[4096];
        var events = new List<TelnetEvent>();
        var replies = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                    break;
                replies.ResetWrittenCount();
                lock (_gate)
                {
                    var rest = buffer.AsSpan(0, n);
                    while (rest.Length > 0)
                    {
                        events.Clear();
                        _decoder.PeerSendsBinary = _options.IsRemoteEnabled(Telnet.OptionBinary);
                        rest = rest[_decoder.Decode(rest, _input.Writer, events)..];
                        foreach (var e in events)
                            Handle(e, replies);
                    }
                }
                if (replies.WrittenCount > 0)
                    await SendAsync(replies.WrittenMemory, _stop.Token).ConfigureAwait(false);
                var flush = await _input.Writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                if (flush.IsCompleted)
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The server closed the connection, or we are closing: both end the input.
        }
        await _input.Writer.CompleteAsync().ConfigureAwait(false);
        lock (_gate)
        {
            if (!_negotiated)
            {
                // Set-up is waiting: fail it (the caller has not seen Input yet, so reading it here is safe).
                var closed = ClosedDuringNegotiation(null);
                _comPortDecided.TrySetException(closed);
                foreach (var ack in _acks.Values)
                    ack.TrySetException(closed);
                _acks.Clear();
            }
            _resumed.TrySetResult(); // nothing to wait for any more
        }
    }

    // What the server said before hanging up (ser2net explains a refusal in text), when it has arrived.
    private DeviceConnectException ClosedDuringNegotiation(Exception? inner)
    {
        var said = "";
        // Under the (re-entrant) gate: the receive loop and a failed set-up may both get here.
        lock (_gate)
        {
            if (_input.Reader.TryRead(out var result))
            {
                var text = Encoding.UTF8.GetString(result.Buffer.Slice(0, Math.Min(result.Buffer.Length, 120)));
                _input.Reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                text = new string(text.Where(c => !char.IsControl(c)).ToArray()).Trim();
                if (text.Length > 0)
                    said = $": \"{text}\"";
            }
        }
        return new DeviceConnectException($"{Name} closed the connection during the RFC 2217 negotiation{said}",
            "a ser2net port serves one client at a time: close the other client (another mpyd, mpremote, a terminal) and retry", inner);
    }

    // Called under _gate.
    private void Handle(TelnetEvent e, IBufferWriter<byte> replies)
    {
        switch (e.Verb)
        {
            case Telnet.Will or Telnet.Wont or Telnet.Do or Telnet.Dont:
                _options.Receive(e.Verb, e.Option, replies);
                if (_options.IsLocalDecided(Telnet.OptionComPort))
                    _comPortDecided.TrySetResult();
                break;
            case Telnet.Sb when e.Option == Telnet.OptionComPort && e.Payload.Length > 0:
                HandleComPort(e.Payload[0], e.Payload[1..], replies);
                break;
            default:
                break; // NOP, GA, data mark, other options' sub-negotiations: nothing to do
        }
    }

    // Called under _gate.
    private void HandleComPort(byte code, byte[] value, IBufferWriter<byte> replies)
    {
        if (code < (byte)ComPortCommand.ServerOffset)
            return; // a client-to-server command sent to us: not ours to obey
        var command = (ComPortCommand)(code - (byte)ComPortCommand.ServerOffset);
        switch (command)
        {
            case ComPortCommand.Signature when value.Length == 0:
                WriteComPort(ComPortCommand.Signature, "mpyd"u8, replies);
                break;
            case ComPortCommand.Signature:
                ServerSignature = Encoding.UTF8.GetString(value);
                break;
            case ComPortCommand.NotifyLineState when value.Length > 0:
                LineState = value[0];
                break;
            case ComPortCommand.NotifyModemState when value.Length > 0:
                ModemState = value[0];
                break;
            case ComPortCommand.FlowControlSuspend:
                if (_resumed.Task.IsCompleted)
                    _resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                break;
            case ComPortCommand.FlowControlResume:
                _resumed.TrySetResult();
                break;
            default:
                if (_acks.Remove(command, out var ack))
                    ack.TrySetResult(value);
                break;
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _output.Reader;
        var encoded = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    Task resumed;
                    bool binary;
                    lock (_gate)
                    {
                        resumed = _resumed.Task;
                        binary = _options.IsLocalEnabled(Telnet.OptionBinary);
                    }
                    await resumed.WaitAsync(_stop.Token).ConfigureAwait(false);
                    encoded.ResetWrittenCount();
                    foreach (var segment in buffer)
                        TelnetEncoder.WriteData(segment.Span, encoded, binary);
                    await SendAsync(encoded.WrittenMemory, _stop.Token).ConfigureAwait(false);
                }
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection is gone or we are closing; what was not sent has nowhere to go.
        }
        await reader.CompleteAsync().ConfigureAwait(false);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _output.Writer.CompleteAsync().ConfigureAwait(false);
        if (_negotiated)
        {
            // Let written data go out, then drop RTS and DTR as closing a local port does; bounded,
            // since a server that stopped reading must not hold up the close.
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _sendLoop.WaitAsync(drain.Token).ConfigureAwait(false);
                var bye = new ArrayBufferWriter<byte>();
                WriteComPort(ComPortCommand.SetControl, [ComPortControl.RtsOff], bye);
                WriteComPort(ComPortCommand.SetControl, [ComPortControl.DtrOff], bye);
                await SendAsync(bye.WrittenMemory, drain.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Already gone.
            }
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        await _receiveLoop.ConfigureAwait(false);
        await _sendLoop.ConfigureAwait(false);
        _stop.Dispose();
    }

    public override string ToString() => Name;

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
