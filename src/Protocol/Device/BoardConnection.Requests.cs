using System.Buffers;
using System.Runtime.ExceptionServices;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.Protocol.Device;

public sealed partial class BoardConnection
{
    private static readonly byte[] s_ack = [RemoteFsCodec.Escape];
    private readonly ArrayBufferWriter<byte> _replyBuffer = new(256);

    // "0x18 op" (or "0x18 0x80" of a one-shot request) has been consumed. Holds the write lock from
    // the ack (or the start of a one-shot request) to the end of the reply.
    private async ValueTask ServeRequestAsync(byte opByte, IRemoteFsHandler handler)
    {
        var oneShot = opByte == RemoteFsCodec.OneShot;
        var started = _time.GetTimestamp();
        var lifetime = _lifetime.Token;
        await _writeLock.WaitAsync(lifetime).ConfigureAwait(false);
        try
        {
            // Armed before the ack, so the wait for arguments is bounded from the moment the board can send them.
            using var deadline = new CancellationTokenSource(RequestArgumentTimeout, _time);
            if (!oneShot)
            {
                await WriteLockedAsync(s_ack, lifetime, $"acknowledging a {(RemoteFsOp)opByte} request").ConfigureAwait(false);
                Interlocked.Increment(ref _roundTrips);
            }
            var request = await ReadArgumentsAsync(oneShot ? null : (RemoteFsOp)opByte, deadline).ConfigureAwait(false);
            if (request is null)
                return;
            var op = request.Op;

            RemoteFsReply reply;
            ExceptionDispatchInfo? failure = null;
            _replyBuffer.ResetWrittenCount();
            try
            {
                reply = await handler.HandleAsync(request, lifetime).ConfigureAwait(false);
                WriteReply(request, reply, oneShot);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A handler bug: still answer, so the board does not hang or lose step, then surface it.
                failure = ExceptionDispatchInfo.Capture(ex);
                reply = FallbackReply(request);
                _replyBuffer.ResetWrittenCount();
                WriteReply(request, reply, oneShot);
            }
            if (_replyBuffer.WrittenCount > 0)
            {
                await WriteLockedAsync(_replyBuffer.WrittenMemory, lifetime, $"replying to a {op} request").ConfigureAwait(false);
                Interlocked.Increment(ref _roundTrips);
            }

            Interlocked.Increment(ref _requestsServed);
            Interlocked.Increment(ref _opCounts[(byte)op]);
            failure?.Throw();
            RequestServed?.Invoke(request, reply, _time.GetElapsedTime(started));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // A one-shot reply starts with 0x18, which the board waits for (dropping stray input before it).
    private void WriteReply(RemoteFsRequest request, RemoteFsReply reply, bool oneShot)
    {
        if (oneShot && reply is not NoReply)
        {
            _replyBuffer.GetSpan(1)[0] = RemoteFsCodec.Escape;
            _replyBuffer.Advance(1);
        }
        try
        {
            RemoteFsCodec.WriteReply(_replyBuffer, request, reply);
        }
        catch
        {
            _replyBuffer.ResetWrittenCount();
            throw;
        }
    }

    // Null after a desync: the event has been raised and the unread bytes stay for the console.
    // op null: a one-shot request, whose op byte comes first among the arguments.
    private async ValueTask<RemoteFsRequest?> ReadArgumentsAsync(RemoteFsOp? op, CancellationTokenSource deadline)
    {
        // Requests without arguments (ListDirNext) are complete before any byte arrives.
        var none = new SequenceReader<byte>(ReadOnlySequence<byte>.Empty);
        if (op is { } known && RemoteFsCodec.TryReadRequest(known, ref none, out var bare))
            return bare;
        var what = op?.ToString() ?? "one-shot";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _lifetime.Token);
        while (true)
        {
            System.IO.Pipelines.ReadResult result;
            try
            {
                result = await ReadInputAsync(linked.Token, $"reading a {what} request").ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !_lifetime.IsCancellationRequested)
            {
                RaiseDesync($"the arguments of a {what} request did not arrive within {RequestArgumentTimeout.TotalSeconds:0.#} s");
                return null;
            }
            var seq = result.Buffer;
            var reader = new SequenceReader<byte>(seq);
            var complete = false;
            RemoteFsRequest? request = null;
            try
            {
                var requestOp = op;
                if (requestOp is null && reader.TryRead(out var opByte))
                {
                    if (!RemoteFsCodec.IsKnownOp(opByte))
                        throw new InvalidDataException($"unknown op {opByte}");
                    requestOp = (RemoteFsOp)opByte;
                }
                if (requestOp is { } o)
                    complete = RemoteFsCodec.TryReadRequest(o, ref reader, out request);
            }
            catch (InvalidDataException ex)
            {
                _input.AdvanceTo(seq.Start);
                RaiseDesync($"{what} request: {ex.Message}", ex);
                return null;
            }
            if (complete)
            {
                _input.AdvanceTo(reader.Position);
                Interlocked.Add(ref _bytesIn, reader.Consumed);
                return request;
            }
            _input.AdvanceTo(seq.Start, seq.End);
            if (result.IsCompleted)
                throw new DeviceDisconnectedException(Name, $"reading a {what} request");
            // The deadline is per wait: a long WRITE payload arriving steadily is fine.
            deadline.CancelAfter(RequestArgumentTimeout);
        }
    }

    private void RaiseDesync(string detail, Exception? inner = null)
    {
        Interlocked.Increment(ref _desyncs);
        ProtocolDesync?.Invoke(new ProtocolDesyncException(Name, detail, inner));
    }

    private static RemoteFsReply FallbackReply(RemoteFsRequest request) => request.Op switch
    {
        RemoteFsOp.Close => NoReply.Instance,
        RemoteFsOp.Read or RemoteFsOp.ReadLine => new DataReply([]),
        RemoteFsOp.ListDirNext => new ListDirEntryReply("", 0),
        _ => RemoteFsReply.Error(Errno.EIO),
    };
}
