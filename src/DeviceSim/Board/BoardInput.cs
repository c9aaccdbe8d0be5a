using System.Buffers;
using System.IO.Pipelines;

namespace Mpyd.DeviceSim.Board;

/// <summary>
/// The board's receive side: a pump copies link bytes into a stdin buffer. Like a UART ISR or the
/// USB-CDC callback, it intercepts the interrupt character while code runs with kbd_intr enabled
/// and raises a pending KeyboardInterrupt instead of buffering it.
/// </summary>
internal sealed class BoardInput
{
    private readonly object _gate = new();
    private readonly Queue<byte> _bytes = new();
    private TaskCompletionSource _changed = NewSignal();
    private bool _completed;
    private bool _interruptPending;
    private int _interruptChar = -1;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The active interrupt character (3 while code runs, -1 while idle or during a mount request).</summary>
    public int InterruptChar
    {
        get
        {
            lock (_gate)
                return _interruptChar;
        }
        set
        {
            lock (_gate)
                _interruptChar = value;
        }
    }

    /// <summary>True once the link has closed and every buffered byte is consumed.</summary>
    public bool IsFinished
    {
        get
        {
            lock (_gate)
                return _completed && _bytes.Count == 0;
        }
    }

    public bool IsCompleted
    {
        get
        {
            lock (_gate)
                return _completed;
        }
    }

    public async Task PumpAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                foreach (var segment in result.Buffer)
                    Deliver(segment.Span);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The link broke: same as a disconnect.
        }
        finally
        {
            lock (_gate)
            {
                _completed = true;
                _changed.TrySetResult();
            }
        }
    }

    /// <summary>Feeds bytes as if received (used by the pump; exposed for tests).</summary>
    public void Deliver(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            foreach (var b in data)
            {
                if (_interruptChar >= 0 && b == _interruptChar)
                    _interruptPending = true;
                else
                    _bytes.Enqueue(b);
            }
            _changed.TrySetResult();
        }
    }

    public bool TryRead(out byte value)
    {
        lock (_gate)
            return _bytes.TryDequeue(out value);
    }

    /// <summary>Copies the buffered bytes (for decoding a reply that may be incomplete).</summary>
    public byte[] Snapshot()
    {
        lock (_gate)
            return [.. _bytes];
    }

    public void Discard(int count)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _bytes.Dequeue();
        }
    }

    /// <summary>Takes a pending KeyboardInterrupt, if any.</summary>
    public bool TakeInterrupt()
    {
        lock (_gate)
        {
            var pending = _interruptPending;
            _interruptPending = false;
            return pending;
        }
    }

    public void ClearInterrupt() => TakeInterrupt();

    /// <summary>Completes when bytes are buffered, an interrupt is pending, or the link has closed.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_bytes.Count > 0 || _completed || _interruptPending)
                return Task.CompletedTask;
            if (_changed.Task.IsCompleted)
                _changed = NewSignal();
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Completes when a KeyboardInterrupt is pending or the link has closed; buffered bytes stay.</summary>
    public async Task WaitForInterruptAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                if (_interruptPending || _completed)
                    return;
                if (_changed.Task.IsCompleted)
                    _changed = NewSignal();
                signal = _changed.Task;
            }
            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when more than <paramref name="count"/> bytes are buffered or the link has closed.</summary>
    public Task WaitForMoreThanAsync(int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_bytes.Count > count || _completed)
                return Task.CompletedTask;
            if (_changed.Task.IsCompleted)
                _changed = NewSignal();
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }
}
