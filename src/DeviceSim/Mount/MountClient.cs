using System.Buffers;
using Mpyd.DeviceSim.Board;
using Mpyd.DeviceSim.Execution;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Mount;

/// <summary>
/// The board side of one mount request, as mpyd_board.py's _MpydLink does it: kbd_intr off,
/// the one-shot request <c>0x18 0x80 op arguments</c> in one write; then, except for CLOSE (no reply),
/// wait for the host's 0x18 (dropping up to 64 other bytes) and read the reply (each wait bounded
/// by the mount's timeout); kbd_intr back to Ctrl-C. A 0x03 among the dropped sync bytes is
/// remembered and raised as KeyboardInterrupt once the request is complete (or instead of its own
/// OSError), as the board program's <c>end()</c> does.
/// </summary>
internal sealed class MountClient(BoardRuntime runtime, int timeoutMs)
{
    private const int MaxSyncBytes = 64;

    // _MpydLink.c: a Ctrl-C seen while waiting for an ack; kept on the link, like the board program's.
    private bool _interruptPending;

    public int TimeoutMs { get; } = timeoutMs;

    public async ValueTask<RemoteFsReply> RequestAsync(RemoteFsRequest request, CancellationToken cancellationToken)
    {
        var link = runtime.Link;
        var board = runtime.Board;
        // A Ctrl-C that arrived while kbd_intr was on is raised before the request starts.
        runtime.CheckInterrupt();
        link.Input.InterruptChar = -1;
        try
        {
            var number = board.LogRequest(request);
            var faults = board.Options.Faults;
            if (faults.DisconnectAtRequest == number)
            {
                await link.Output.CloseAsync().ConfigureAwait(false);
                throw new LinkClosedException();
            }
            var bytes = new ArrayBufferWriter<byte>();
            RemoteFsCodec.WriteOneShotRequest(bytes, request);
            if (faults.HangAtRequest == number)
            {
                // Hangs after the request's first bytes: the host waits for arguments that never come.
                link.Output.Raw(bytes.WrittenSpan[..3]);
                await link.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                throw new BoardHungException();
            }
            link.Output.Raw(bytes.WrittenSpan);
            await link.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (faults.SoftResetAtRequest == number)
                throw new SoftResetException();
            if (request.Op == RemoteFsOp.Close)
            {
                End(link);
                return NoReply.Instance;
            }
            await SyncAsync(link, cancellationToken).ConfigureAwait(false);
            var reply = await ReadReplyAsync(link, request, cancellationToken).ConfigureAwait(false);
            End(link);
            return reply;
        }
        catch (PyException)
        {
            // The board program calls end() before raising its OSError (EIO, ETIMEDOUT): a kept Ctrl-C wins.
            End(link);
            throw;
        }
        finally
        {
            link.Input.InterruptChar = runtime.KbdIntrChar;
        }
    }

    // end(): kbd_intr(3), then the remembered Ctrl-C, if any.
    private void End(BoardLink link)
    {
        link.Input.InterruptChar = runtime.KbdIntrChar;
        if (!_interruptPending)
            return;
        _interruptPending = false;
        throw new PyException("KeyboardInterrupt", "");
    }

    private async ValueTask SyncAsync(BoardLink link, CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxSyncBytes; i++)
        {
            await WaitForMoreThanAsync(link, 0, cancellationToken).ConfigureAwait(false);
            link.Input.TryRead(out var b);
            if (b == RemoteFsCodec.Escape)
                return;
            if (b == 0x03)
                _interruptPending = true;
        }
        throw PyException.OSError((int)Errno.EIO);
    }

    private async ValueTask<RemoteFsReply> ReadReplyAsync(BoardLink link, RemoteFsRequest request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (reply, garbled, have) = link.Input.Decode((ReadOnlySequence<byte> buffered, out int consumed) =>
            {
                var reader = new SequenceReader<byte>(buffered);
                try
                {
                    var done = RemoteFsCodec.TryReadReply(request, ref reader, out var decoded);
                    consumed = done ? (int)reader.Consumed : 0;
                    return (done ? decoded : null, false, (int)buffered.Length);
                }
                catch (InvalidDataException)
                {
                    // A garbled length: the board program would read nonsense; drop it and report an I/O error.
                    consumed = (int)buffered.Length;
                    return ((RemoteFsReply?)null, true, 0);
                }
            });
            if (garbled)
                throw PyException.OSError((int)Errno.EIO);
            if (reply is not null)
                return reply;
            try
            {
                await WaitForMoreThanAsync(link, have, cancellationToken).ConfigureAwait(false);
            }
            catch (PyException)
            {
                // The board program reads a reply as it arrives: when it times out, the partial reply
                // has been consumed and does not land in the REPL afterwards.
                link.Input.Decode((ReadOnlySequence<byte> buffered, out int consumed) =>
                {
                    consumed = (int)buffered.Length;
                    return 0;
                });
                throw;
            }
        }
    }

    private async ValueTask WaitForMoreThanAsync(BoardLink link, int count, CancellationToken cancellationToken)
    {
        try
        {
            await link.Input.WaitForMoreThanAsync(count, cancellationToken)
                .WaitAsync(TimeSpan.FromMilliseconds(TimeoutMs), runtime.Board.TimeProvider, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw PyException.OSError((int)Errno.ETIMEDOUT);
        }
        if (link.Input.IsCompleted && link.Input.Count <= count)
            throw new LinkClosedException();
    }
}
