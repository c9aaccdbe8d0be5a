using System.Buffers;
using System.IO.Pipelines;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.Protocol.Tests.TestKit;

/// <summary>The board side of an in-memory link, speaking the mount protocol the way mpyd_board.py does.</summary>
internal sealed class BoardEnd(IDuplexPipe pipe)
{
    public IDuplexPipe Pipe { get; } = pipe;

    public Task SendAsync(byte[] bytes) => PipeReading.WriteAsync(Pipe.Output, bytes);

    public Task SendAsync(string ascii) => SendAsync(System.Text.Encoding.Latin1.GetBytes(ascii));

    /// <summary>One request: 0x18 op, drop input until the ack, arguments, then the decoded reply.</summary>
    public async Task<RemoteFsReply> RequestAsync(RemoteFsRequest request)
    {
        await SendAsync([RemoteFsCodec.Escape, (byte)request.Op]);
        await WaitForAckAsync();
        var args = new ArrayBufferWriter<byte>();
        RemoteFsCodec.WriteRequest(args, request);
        await SendAsync(args.WrittenSpan.ToArray());
        return await ReadReplyAsync(request);
    }

    /// <summary>
    /// One one-shot request as mpyd_board.py sends it: 0x18 0x80 op arguments in one write; then, except
    /// for Close, drop input until the host's 0x18 and read the reply.
    /// </summary>
    public async Task<RemoteFsReply> OneShotAsync(RemoteFsRequest request)
    {
        var bytes = new ArrayBufferWriter<byte>();
        RemoteFsCodec.WriteOneShotRequest(bytes, request);
        await SendAsync(bytes.WrittenSpan.ToArray());
        if (request is CloseRequest)
            return NoReply.Instance;
        await WaitForAckAsync();
        return await ReadReplyAsync(request);
    }

    /// <summary>Drops bytes until the host's 0x18, as the board's sync wait does; returns what was dropped.</summary>
    public async Task<byte[]> WaitForAckAsync()
    {
        var dropped = new List<byte>();
        var token = PipeReading.Guard();
        while (true)
        {
            var result = await Pipe.Input.ReadAsync(token);
            var seq = result.Buffer;
            var at = seq.PositionOf(RemoteFsCodec.Escape);
            if (at is { } pos)
            {
                dropped.AddRange(seq.Slice(0, pos).ToArray());
                Pipe.Input.AdvanceTo(seq.GetPosition(1, pos));
                return [.. dropped];
            }
            dropped.AddRange(seq.ToArray());
            Pipe.Input.AdvanceTo(seq.End);
            if (result.IsCompleted)
                throw new EndOfStreamException("host closed before acknowledging");
        }
    }

    public async Task<RemoteFsReply> ReadReplyAsync(RemoteFsRequest request)
    {
        if (request is CloseRequest)
            return NoReply.Instance;
        var token = PipeReading.Guard();
        while (true)
        {
            var result = await Pipe.Input.ReadAsync(token);
            var reader = new SequenceReader<byte>(result.Buffer);
            if (RemoteFsCodec.TryReadReply(request, ref reader, out var reply))
            {
                Pipe.Input.AdvanceTo(reader.Position);
                return reply!;
            }
            Pipe.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
                throw new EndOfStreamException("host closed before replying");
        }
    }

    public Task<byte[]> ReadExactlyAsync(int count) => PipeReading.ReadExactlyAsync(Pipe.Input, count);

    /// <summary>Reads exactly the bytes of <paramref name="expected"/> (Latin-1) and fails if they differ.</summary>
    public async Task ExpectAsync(string expected)
    {
        var want = System.Text.Encoding.Latin1.GetBytes(expected);
        var got = await ReadExactlyAsync(want.Length);
        if (!got.AsSpan().SequenceEqual(want))
            throw new InvalidDataException($"board expected {Show(want)} but the host sent {Show(got)}");
    }

    /// <summary>Reads and drops bytes until <paramref name="marker"/> (inclusive); returns the count before it.</summary>
    public async Task<int> SkipToAsync(byte marker)
    {
        var token = PipeReading.Guard();
        var skipped = 0;
        while (true)
        {
            var result = await Pipe.Input.ReadAsync(token);
            var at = result.Buffer.PositionOf(marker);
            if (at is { } pos)
            {
                skipped += (int)result.Buffer.Slice(0, pos).Length;
                Pipe.Input.AdvanceTo(result.Buffer.GetPosition(1, pos));
                return skipped;
            }
            skipped += (int)result.Buffer.Length;
            Pipe.Input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
                throw new EndOfStreamException("host closed");
        }
    }

    public static string Show(byte[] bytes) => Mpyd.Protocol.Device.NotMicroPythonException.Printable(bytes);
}
