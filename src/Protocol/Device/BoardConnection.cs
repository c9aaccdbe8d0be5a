using System.Buffers;
using System.IO.Pipelines;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Transport;

namespace Mpyd.Protocol.Device;

/// <summary>
/// The single reader of a transport's Input, and the one place that writes to its Output.
/// Splits what the board sends into console bytes and mount requests, and serves the requests.
/// </summary>
/// <remarks>
/// <para>
/// While <see cref="MountHandler"/> is set, a <c>0x18</c> followed by a known op (1..16) is a
/// mount request: the connection writes the <c>0x18</c> ack at once, reads the arguments (each
/// wait bounded by <see cref="RequestArgumentTimeout"/>), calls the handler, writes the reply and
/// then goes on reading console bytes. <c>0x18 0x80</c> starts a one-shot request (mpyd extension):
/// op and arguments follow without an ack, and the reply goes out as one write preceded by <c>0x18</c>
/// (nothing for Close). <c>0x18</c> followed by anything else is console data (both bytes).
/// With no handler every byte is console data.
/// </para>
/// <para>
/// As in the reference tool, requests are served inline by whatever <see cref="ReadConsoleAsync"/>
/// call is in progress: console passthrough in the terminal, following <c>exec</c> output, or a
/// raw-REPL helper waiting for its result. So someone must be reading for requests to be
/// answered; a board that issues a request while nobody reads waits (and times out on its side).
/// A request, once started, is served to the end regardless of the read's token (a half-served
/// request would leave the board out of step); only disposing the connection stops it.
/// </para>
/// <para>
/// Writes (<see cref="WriteAsync"/>) are serialized with request replies: bytes the user types
/// while a request is served are held until its reply has gone out.
/// </para>
/// </remarks>
public sealed partial class BoardConnection : IAsyncDisposable
{
    private readonly IDeviceTransport _transport;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly bool _leaveOpen;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly long[] _opCounts = new long[256];
    private volatile IRemoteFsHandler? _mountHandler;
    private byte[] _pushback = [];
    private int _pushbackStart;
    private bool _literalNext;
    private int _reading;
    private int _disposed;
    private long _bytesIn;
    private long _bytesOut;
    private long _requestsServed;
    private long _roundTrips;
    private long _desyncs;

    /// <param name="transport">The link; disposed with this connection unless <paramref name="leaveOpen"/>.</param>
    /// <param name="timeProvider">Clock for deadlines and request timings; the system clock by default.</param>
    public BoardConnection(IDeviceTransport transport, TimeProvider? timeProvider = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _input = transport.Input;
        _output = transport.Output;
        _leaveOpen = leaveOpen;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The device as the user named it, for messages.</summary>
    public string Name => _transport.Name;

    public IDeviceTransport Transport => _transport;

    public TimeProvider TimeProvider => _time;

    /// <summary>Serves mount requests while set; null = no mount, 0x18 is plain console data.</summary>
    public IRemoteFsHandler? MountHandler
    {
        get => _mountHandler;
        set => _mountHandler = value;
    }

    /// <summary>Longest wait for the next argument byte of a request before declaring the stream out of step.</summary>
    public TimeSpan RequestArgumentTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Raised after each request's reply has been written: request, reply, time from its first byte.</summary>
    public event Action<RemoteFsRequest, RemoteFsReply, TimeSpan>? RequestServed;

    /// <summary>
    /// Raised when a request's arguments did not arrive in time or could not be valid. The connection
    /// then returns to console mode and the unparsed bytes are delivered as console data.
    /// </summary>
    public event Action<ProtocolDesyncException>? ProtocolDesync;

    /// <summary>
    /// Raised with every console byte as it first arrives (bytes put back with <see cref="Unread"/>
    /// are not raised again), whoever is reading: lets the daemon notice a soft reboot during any command.
    /// </summary>
    public event ConsoleDataHandler? ConsoleRead;

    /// <summary>Every byte taken from the board (console and requests).</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Every byte sent to the board (writes, acks, replies).</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Times the board waited for the host within requests: each ack, and each reply that has bytes.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public long RequestsServed => Interlocked.Read(ref _requestsServed);

    public long DesyncCount => Interlocked.Read(ref _desyncs);

    /// <summary>Requests served so far for one op.</summary>
    public long GetRequestCount(RemoteFsOp op) => Interlocked.Read(ref _opCounts[(byte)op]);

    /// <summary>Requests served so far, per op that was seen at least once.</summary>
    public IReadOnlyDictionary<RemoteFsOp, long> RequestCounts =>
        Enum.GetValues<RemoteFsOp>().Where(op => GetRequestCount(op) > 0).ToDictionary(op => op, GetRequestCount);

    /// <summary>
    /// Reads console bytes into <paramref name="buffer"/>, serving any mount requests that arrive
    /// meanwhile (see the remarks on the class). Returns the count, at least 1, or 0 once the link has closed.
    /// Only one read may be in progress at a time.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled while waiting for console bytes.</exception>
    /// <exception cref="DeviceDisconnectedException">The link ended in the middle of a request.</exception>
    public async ValueTask<int> ReadConsoleAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
            throw new ArgumentException("the buffer must hold at least one byte", nameof(buffer));
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _reading, 1) != 0)
            throw new InvalidOperationException($"a console read on {Name} is already in progress: a connection has a single reader");
        try
        {
            if (_pushbackStart < _pushback.Length)
                return TakePushback(buffer.Span);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = await ReadInputAsync(cancellationToken, "reading console output").ConfigureAwait(false);
                var seq = result.Buffer;
                if (seq.IsEmpty)
                {
                    _input.AdvanceTo(seq.End);
                    if (result.IsCompleted)
                        return 0;
                    continue;
                }
                var handler = _mountHandler;
                var step = Scan(seq, buffer.Span, handler is not null, result.IsCompleted, out var op);
                if (step > 0)
                {
                    ConsoleRead?.Invoke(buffer.Span[..step]);
                    return step;
                }
                if (step == NeedMore)
                    continue;
                Consume(seq, 2);
                await ServeRequestAsync(op, handler!).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// Takes console bytes that have already arrived, without waiting. False when there are none,
    /// or when a mount request is next (the next <see cref="ReadConsoleAsync"/> serves it).
    /// Not while a <see cref="ReadConsoleAsync"/> is in progress.
    /// </summary>
    public bool TryReadConsole(Span<byte> buffer, out int count)
    {
        count = 0;
        if (buffer.IsEmpty)
            throw new ArgumentException("the buffer must hold at least one byte", nameof(buffer));
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _reading, 1) != 0)
            throw new InvalidOperationException($"a console read on {Name} is already in progress: a connection has a single reader");
        try
        {
            if (_pushbackStart < _pushback.Length)
            {
                count = TakePushback(buffer);
                return true;
            }
            if (!_input.TryRead(out var result))
                return false;
            var seq = result.Buffer;
            if (seq.IsEmpty)
            {
                _input.AdvanceTo(seq.End);
                return false;
            }
            var step = Scan(seq, buffer, _mountHandler is not null, result.IsCompleted, out _);
            if (step == Request)
            {
                _input.AdvanceTo(seq.Start);
                return false;
            }
            count = Math.Max(step, 0);
            if (count > 0)
                ConsoleRead?.Invoke(buffer[..count]);
            return count > 0;
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>
    /// Puts console bytes back so the next <see cref="ReadConsoleAsync"/> returns them first
    /// (for parsers that read past what they needed). They are never taken for a request.
    /// </summary>
    public void Unread(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        var rest = _pushback.AsSpan(_pushbackStart);
        var merged = new byte[bytes.Length + rest.Length];
        bytes.CopyTo(merged);
        rest.CopyTo(merged.AsSpan(bytes.Length));
        _pushback = merged;
        _pushbackStart = 0;
    }

    /// <summary>Writes to the board and flushes; waits while a request's reply is being written.</summary>
    /// <exception cref="DeviceDisconnectedException">The link is gone.</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (data.IsEmpty)
            return;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLockedAsync(data, cancellationToken, "writing to the board").ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Stops a read or request in progress (they throw <see cref="ObjectDisposedException"/>) and disposes the transport unless leaveOpen.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        // A read in progress returns (and throws ObjectDisposedException) instead of waiting on a closed link.
        _input.CancelPendingRead();
        if (!_leaveOpen)
            await _transport.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    public override string ToString() => Name;

    private const int NeedMore = 0;
    private const int Request = -1;

    // Decides what the buffered bytes are: console bytes (copied and consumed, count returned), a request
    // (Request, op set, nothing consumed), or an incomplete escape (NeedMore, nothing consumed, all examined).
    private int Scan(ReadOnlySequence<byte> seq, Span<byte> dest, bool mounted, bool completed, out byte op)
    {
        op = 0;
        if (_literalNext)
        {
            _literalNext = false;
            dest[0] = seq.FirstSpan[0];
            return Consume(seq, 1);
        }
        var escape = mounted ? seq.PositionOf(RemoteFsCodec.Escape) : null;
        var consoleLength = escape is { } at ? seq.Slice(0, at).Length : seq.Length;
        if (consoleLength > 0)
        {
            var take = (int)Math.Min(consoleLength, dest.Length);
            seq.Slice(0, take).CopyTo(dest);
            return Consume(seq, take);
        }
        // 0x18 first: the next byte decides.
        if (seq.Length < 2)
        {
            if (completed)
            {
                dest[0] = RemoteFsCodec.Escape;
                return Consume(seq, 1);
            }
            _input.AdvanceTo(seq.Start, seq.End);
            return NeedMore;
        }
        var next = seq.Slice(1, 1).FirstSpan[0];
        if (RemoteFsCodec.IsRequestStart(next))
        {
            // Not consumed here: the caller either serves it or leaves it for the next read.
            op = next;
            return Request;
        }
        dest[0] = RemoteFsCodec.Escape;
        if (dest.Length == 1)
        {
            // The byte after the 0x18 is console data even if it is another 0x18.
            _literalNext = true;
            return Consume(seq, 1);
        }
        dest[1] = next;
        return Consume(seq, 2);
    }

    private int Consume(ReadOnlySequence<byte> seq, int count)
    {
        _input.AdvanceTo(seq.GetPosition(count));
        Interlocked.Add(ref _bytesIn, count);
        return count;
    }

    private int TakePushback(Span<byte> dest)
    {
        var rest = _pushback.AsSpan(_pushbackStart);
        var n = Math.Min(rest.Length, dest.Length);
        rest[..n].CopyTo(dest);
        _pushbackStart += n;
        if (_pushbackStart == _pushback.Length)
        {
            _pushback = [];
            _pushbackStart = 0;
        }
        return n;
    }

    private async ValueTask<ReadResult> ReadInputAsync(CancellationToken cancellationToken, string during)
    {
        ReadResult result;
        try
        {
            result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            throw new DeviceDisconnectedException(Name, during, ex);
        }
        // Woken by DisposeAsync: the transport is going away, leave its reader alone.
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return result;
    }

    private async ValueTask WriteLockedAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken, string during)
    {
        FlushResult flush;
        try
        {
            flush = await _output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
            throw new DeviceDisconnectedException(Name, during, ex);
        }
        Interlocked.Add(ref _bytesOut, data.Length);
        if (flush.IsCompleted)
            throw new DeviceDisconnectedException(Name, during);
    }
}
