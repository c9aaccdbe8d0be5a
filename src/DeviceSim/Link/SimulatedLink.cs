using System.Buffers;
using System.IO.Pipelines;

namespace Mpyd.DeviceSim.Link;

/// <summary>
/// Puts a <see cref="LinkModel"/> and the byte faults of a <see cref="FaultPlan"/> between a host-facing
/// duplex pipe and the board. The board uses this object as its link; two pumps copy bytes each way,
/// waiting on the <see cref="TimeProvider"/> for the modelled transfer time.
/// </summary>
public sealed class SimulatedLink : IDuplexPipe, IAsyncDisposable
{
    private readonly Pipe _toBoard = new();
    private readonly Pipe _toHost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly LinkModel? _model;
    private readonly FaultPlan _faults;
    private readonly TimeProvider _time;
    private readonly Task _pumps;

    /// <param name="hostSide">The pipe whose Input carries host→board bytes and whose Output reaches the host.</param>
    public SimulatedLink(IDuplexPipe hostSide, LinkModel? model, FaultPlan? faults, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(hostSide);
        _model = model;
        _faults = faults ?? FaultPlan.None;
        _time = timeProvider ?? TimeProvider.System;
        _pumps = Task.WhenAll(
            PumpAsync(hostSide.Input, _toBoard.Writer, LinkDirection.ToBoard),
            PumpAsync(_toHost.Reader, hostSide.Output, LinkDirection.ToHost));
    }

    /// <summary>Bytes reaching the board.</summary>
    public PipeReader Input => _toBoard.Reader;

    /// <summary>Bytes the board sends.</summary>
    public PipeWriter Output => _toHost.Writer;

    /// <summary>Completes when both directions have ended.</summary>
    public Task Completion => _pumps;

    /// <summary>Bytes that have passed so far, per direction (after faults).</summary>
    public long BytesToBoard => Interlocked.Read(ref _countToBoard);

    public long BytesToHost => Interlocked.Read(ref _countToHost);

    private long _countToBoard;
    private long _countToHost;

    private async Task PumpAsync(PipeReader from, PipeWriter to, LinkDirection direction)
    {
        long seen = 0;
        try
        {
            while (true)
            {
                var result = await from.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    var bytes = buffer.ToArray();
                    from.AdvanceTo(buffer.End);
                    var (output, disconnect) = ApplyFaults(bytes, direction, ref seen);
                    var delay = Schedule(direction, bytes.Length);
                    if (delay > TimeSpan.Zero)
                        await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
                    if (output.Length > 0)
                    {
                        to.Write(output);
                        if (direction == LinkDirection.ToBoard)
                            Interlocked.Add(ref _countToBoard, output.Length);
                        else
                            Interlocked.Add(ref _countToHost, output.Length);
                        var flush = await to.FlushAsync(_stop.Token).ConfigureAwait(false);
                        if (flush.IsCompleted)
                            break;
                    }
                    if (disconnect)
                    {
                        // A cut cable: both directions end.
                        await _stop.CancelAsync().ConfigureAwait(false);
                        break;
                    }
                }
                else
                {
                    from.AdvanceTo(buffer.End);
                }
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (InvalidOperationException)
        {
            // The other side completed its pipe while we were using it.
        }
        finally
        {
            await to.CompleteAsync().ConfigureAwait(false);
            await from.CompleteAsync().ConfigureAwait(false);
        }
    }

    // When each direction's wire is next free. A transfer starts when both it and the wire are
    // ready; waits are whole milliseconds (timer resolution), and the rounding is not carried
    // forward, so long runs keep the modelled rate exactly.
    private DateTimeOffset _freeToBoard;
    private DateTimeOffset _freeToHost;

    private TimeSpan Schedule(LinkDirection direction, int bytes)
    {
        if (_model is null)
            return TimeSpan.Zero;
        var now = _time.GetUtcNow();
        ref var free = ref direction == LinkDirection.ToBoard ? ref _freeToBoard : ref _freeToHost;
        var due = (free > now ? free : now) + _model.TransferTime(direction, bytes);
        free = due;
        return TimeSpan.FromMilliseconds(Math.Round((due - now).TotalMilliseconds, MidpointRounding.AwayFromZero));
    }

    private (byte[] Output, bool Disconnect) ApplyFaults(byte[] bytes, LinkDirection direction, ref long seen)
    {
        if (!_faults.HasByteFaults)
        {
            seen += bytes.Length;
            return (bytes, false);
        }
        var output = new List<byte>(bytes.Length);
        foreach (var b in bytes)
        {
            if (_faults.DisconnectAfter is { } cut && cut.Direction == direction && seen >= cut.Bytes)
                return ([.. output], true);
            seen++;
            var n = seen;
            if (_faults.DroppedBytes.Any(d => d.Direction == direction && d.ByteNumber == n))
                continue;
            var value = b;
            foreach (var c in _faults.CorruptedBytes)
                if (c.Direction == direction && c.ByteNumber == n)
                    value ^= c.XorMask;
            output.Add(value);
        }
        var done = _faults.DisconnectAfter is { } after && after.Direction == direction && seen >= after.Bytes;
        return ([.. output], done);
    }

    /// <summary>Cuts the link (both directions) and waits for the pumps to stop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pumps.ConfigureAwait(false);
        _stop.Dispose();
    }
}
