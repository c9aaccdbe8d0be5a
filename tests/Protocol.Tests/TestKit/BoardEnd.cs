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
}
