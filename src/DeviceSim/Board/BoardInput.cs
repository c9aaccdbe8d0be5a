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
    // The stdin buffer: _count bytes from _head in _buf.
    private byte[] _buf = new byte[4096];
    private int _head;
    private int _count;
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
                return _completed && _count == 0;
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
                    Append(b);
            }
            _changed.TrySetResult();
        }
    }

    private void Append(byte b)
    {
        if (_head + _count == _buf.Length)
        {
            if (_count * 2 > _buf.Length)
                Array.Resize(ref _buf, _buf.Length * 2);
            Array.Copy(_buf, _head, _buf, 0, _count);
            _head = 0;
        }
        _buf[_head + _count] = b;
        _count++;
    }

    public bool TryRead(out byte value)
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                value = 0;
                return false;
            }
            value = _buf[_head];
            _head++;
            _count--;
            if (_count == 0)
                _head = 0;
            return true;
        }
    }

    /// <summary>Bytes buffered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    /// <summary>
    /// Lets <paramref name="decode"/> look at the buffered bytes (without copying) and returns
    /// how many it consumed; those are removed.
    /// </summary>
    public T Decode<T>(DecodeFunc<T> decode)
    {
        lock (_gate)
        {
            var result = decode(new ReadOnlySequence<byte>(_buf, _head, _count), out var consumed);
            _head += consumed;
            _count -= consumed;
            if (_count == 0)
                _head = 0;
            return result;
        }
    }

    public delegate T DecodeFunc<T>(ReadOnlySequence<byte> buffered, out int consumed);

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
            if (_count > 0 || _completed || _interruptPending)
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
            if (_count > count || _completed)
                return Task.CompletedTask;
            if (_changed.Task.IsCompleted)
                _changed = NewSignal();
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }
}
