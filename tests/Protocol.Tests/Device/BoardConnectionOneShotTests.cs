using System.Text;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Tests.RemoteFs;
using Mpyd.Protocol.Tests.TestKit;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.ConnectionLink;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Device;

/// <summary>One-shot requests (mpyd extension): 0x18 0x80 op arguments, no ack, reply preceded by 0x18.</summary>
public class BoardConnectionOneShotTests
{
    [Fact]
    public async Task Every_op_is_served_one_shot_with_its_reply()
    {
        var samples = RemoteFsSamples.All;
        var replies = new Queue<RemoteFsReply>(samples.Select(s => s.Reply));
        var handler = new RecordingHandler(_ => replies.Dequeue());
        var (host, board) = ConnectionLink.Create(handler);
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        for (var index = 0; index < samples.Count; index++)
        {
            var (request, expected) = samples[index];
            await board.SendAsync($"<{index}>");
            var reply = await board.OneShotAsync(request);
            Assert.Equal(RemoteFsSamples.Describe(expected), RemoteFsSamples.Describe(reply));
        }
        await CloseBoardAsync(board);
        Assert.Equal(string.Concat(Enumerable.Range(0, samples.Count).Select(i => $"<{i}>")), Encoding.ASCII.GetString(await console));
        Assert.Equal(samples.Select(s => RemoteFsSamples.Describe(s.Request)), handler.Seen.Select(RemoteFsSamples.Describe));
        Assert.Equal(samples.Count, host.RequestsServed);
    }

    [Fact]
    public async Task The_host_writes_no_ack_and_the_reply_starts_with_the_escape_in_one_piece()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        await board.SendAsync([RemoteFsCodec.Escape, RemoteFsCodec.OneShot, (byte)RemoteFsOp.Seek, 3, 7, 0, 0, 0, 0]);
        // 0x18, then SEEK's s32 reply (the plausible handler answers the offset).
        Assert.Equal(new byte[] { RemoteFsCodec.Escape, 7, 0, 0, 0 }, await board.ReadExactlyAsync(5));
        await CloseBoardAsync(board);
        Assert.Empty(await console);
        Assert.Equal(1, host.RoundTrips);
    }

    [Fact]
    public async Task Close_gets_no_answer_and_the_next_request_right_behind_it_is_served()
    {
        var handler = new RecordingHandler(RecordingHandler.Plausible);
        var (host, board) = ConnectionLink.Create(handler);
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        // Both requests in one write: the board does not wait after a CLOSE.
        byte[] both = [RemoteFsCodec.Escape, RemoteFsCodec.OneShot, (byte)RemoteFsOp.Close, 4,
            RemoteFsCodec.Escape, RemoteFsCodec.OneShot, (byte)RemoteFsOp.Stat, 2, 0, 0, 0, (byte)'/', (byte)'x'];
        await board.SendAsync(both);
        Assert.Equal(new byte[] { RemoteFsCodec.Escape }, await board.ReadExactlyAsync(1));
        Assert.Equal(RemoteFsReply.Error(Errno.ENOENT), await board.ReadReplyAsync(new StatRequest("/x")));
        await CloseBoardAsync(board);
        Assert.Empty(await console);
        Assert.Equal(["CloseRequest { Op = Close, Fd = 4 }", "StatRequest { Op = Stat, Path = /x }"], handler.Seen.Select(RemoteFsSamples.Describe));
        Assert.Equal(1, host.RoundTrips);
    }

    [Fact]
    public async Task Keys_typed_before_the_request_arrived_are_dropped_by_the_board_before_the_reply()
    {
        var handler = new RecordingHandler(RecordingHandler.Plausible);
        var (host, board) = ConnectionLink.Create(handler);
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        // The user's keys leave the host before the request reaches it: the board finds them ahead of the reply.
        await host.WriteAsync(new byte[] { (byte)'a', (byte)'b', 0x03 }, Guard());
        var bytes = new System.Buffers.ArrayBufferWriter<byte>();
        RemoteFsCodec.WriteOneShotRequest(bytes, new OpenReadRequest("/m.py", 5));
        await board.SendAsync(bytes.WrittenSpan.ToArray());
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', 0x03 }, await board.WaitForAckAsync());
        var reply = await board.ReadReplyAsync(new OpenReadRequest("/m.py", 5));
        Assert.Equal("OpenRead(4, 7979797979)", RemoteFsSamples.Describe(reply));
        await CloseBoardAsync(board);
        Assert.Empty(await console);
    }

    [Fact]
    public async Task An_unknown_op_after_the_marker_is_a_desync_and_stays_console_data()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        var desyncs = new List<ProtocolDesyncException>();
        host.ProtocolDesync += desyncs.Add;
        var console = ReadAllConsoleAsync(host);
        await board.SendAsync([RemoteFsCodec.Escape, RemoteFsCodec.OneShot, 0x41, (byte)'z']);
        await CloseBoardAsync(board);
        Assert.Equal("Az", Encoding.ASCII.GetString(await console));
        Assert.Contains("unknown op", Assert.Single(desyncs).Problem);
        Assert.Equal(0, host.RequestsServed);
    }
}
