using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Tests.RemoteFs;
using Mpyd.Protocol.Tests.TestKit;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.ConnectionLink;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Device;

public class BoardConnectionTests
{
    [Fact]
    public async Task Without_a_handler_every_byte_is_console_data()
    {
        var (host, board) = ConnectionLink.Create();
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        byte[] bytes = [(byte)'a', 0x18, 0x01, 0x00, 0x18, 0x18, 0x04];
        await board.SendAsync(bytes);
        await CloseBoardAsync(board);
        Assert.Equal(bytes, await console);
        Assert.Equal(0, host.RequestsServed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4096)]
    public async Task Escape_followed_by_an_unknown_byte_is_console_data(int bufferSize)
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        var console = ReadAllConsoleAsync(host, bufferSize);
        // 0x18 0x18 then 0x01: the second 0x18 belongs to the first, so 0x01 is plain data too.
        byte[] bytes = [.. "x"u8, 0x18, 0x00, 0x18, 0x11, 0x18, 0x18, 0x01, 0x18, 0x18, 0x80, 0x18, 0xFF, .. "y"u8, 0x18];
        await board.SendAsync(bytes);
        await CloseBoardAsync(board);
        Assert.Equal(bytes, await console);
        Assert.Equal(0, host.RequestsServed);
    }

    [Fact]
    public async Task A_request_is_served_inline_between_console_bytes()
    {
        var handler = new RecordingHandler(RecordingHandler.Plausible);
        var (host, board) = ConnectionLink.Create(handler);
        await using var _ = host;
        var served = new List<(RemoteFsRequest, RemoteFsReply)>();
        host.RequestServed += (req, rep, _) => served.Add((req, rep));
        var console = ReadAllConsoleAsync(host);

        await board.SendAsync("hello ");
        var reply = await board.RequestAsync(new StatRequest("/main.py"));
        await board.SendAsync("world\r\n");
        await CloseBoardAsync(board);

        Assert.Equal("hello world\r\n", Encoding.ASCII.GetString(await console));
        Assert.Equal(new StatReply(0x81A4, 10, 1, 2, 3), reply);
        Assert.Equal(new StatRequest("/main.py"), Assert.Single(handler.Seen));
        Assert.Equal(1, host.RequestsServed);
        Assert.Equal(1, host.GetRequestCount(RemoteFsOp.Stat));
        Assert.Equal(new StatRequest("/main.py"), Assert.Single(served).Item1);
        // Console 6 + 7, request 2 + 4 + 8 in; ack 1 + reply 21 out.
        Assert.Equal(6 + 7 + 2 + 4 + 8, host.BytesIn);
        Assert.Equal(1 + 21, host.BytesOut);
    }

    [Fact]
    public async Task Every_op_is_served_with_its_reply()
    {
        var samples = RemoteFsSamples.All;
        // Close has no reply, so the board runs ahead of the host there: answer from a queue, in order.
        var replies = new Queue<RemoteFsReply>(samples.Select(s => s.Reply));
        var handler = new RecordingHandler(_ => replies.Dequeue());
        var (host, board) = ConnectionLink.Create(handler);
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        for (var index = 0; index < samples.Count; index++)
        {
            var (request, expected) = samples[index];
            await board.SendAsync($"<{index}>");
            var reply = await board.RequestAsync(request);
            Assert.Equal(RemoteFsSamples.Describe(expected), RemoteFsSamples.Describe(reply));
        }
        await CloseBoardAsync(board);
        var text = Encoding.ASCII.GetString(await console);
        Assert.Equal(string.Concat(Enumerable.Range(0, samples.Count).Select(i => $"<{i}>")), text);
        Assert.Equal(samples.Count, host.RequestsServed);
        Assert.Equal(Enum.GetValues<RemoteFsOp>().Length, host.RequestCounts.Count);
    }

    [Fact]
    public async Task Requests_and_console_arriving_in_random_cuts_are_separated()
    {
        var random = new Random(42);
        var handler = new RecordingHandler(RecordingHandler.Plausible);
        var (host, board) = ConnectionLink.Create(handler);
        await using var _ = host;

        // The board sends everything without waiting for acks; the stream is the same bytes.
        var stream = new ArrayBufferWriter<byte>();
        var expectedConsole = new StringBuilder();
        var requests = new List<RemoteFsRequest>();
        for (var i = 0; i < 40; i++)
        {
            var text = $"line {i}\r\n";
            expectedConsole.Append(text);
            stream.Write(Encoding.ASCII.GetBytes(text));
            var (request, _) = RemoteFsSamples.All[random.Next(RemoteFsSamples.All.Count)];
            requests.Add(request);
            stream.Write([RemoteFsCodec.Escape, (byte)request.Op]);
            RemoteFsCodec.WriteRequest(stream, request);
        }
        var console = ReadAllConsoleAsync(host, bufferSize: 7);
        foreach (var piece in Segments.RandomCuts(stream.WrittenSpan.ToArray(), random, 5))
            await board.SendAsync(piece);

        // Every request gets its ack then its reply, in order.
        foreach (var request in requests)
        {
            Assert.Empty(await board.WaitForAckAsync());
            var reply = await board.ReadReplyAsync(request);
            Assert.Equal(RemoteFsSamples.Describe(RecordingHandler.Plausible(request)), RemoteFsSamples.Describe(reply));
        }
        await CloseBoardAsync(board);
        Assert.Equal(expectedConsole.ToString(), Encoding.ASCII.GetString(await console));
        Assert.Equal(requests.Select(RemoteFsSamples.Describe), handler.Seen.Select(RemoteFsSamples.Describe));
    }

    [Fact]
    public async Task User_writes_wait_while_a_request_is_served()
    {
        var handler = new RecordingHandler(RecordingHandler.Plausible) { Gate = new() };
        var (host, board) = ConnectionLink.Create(handler);
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);

        await board.SendAsync([RemoteFsCodec.Escape, (byte)RemoteFsOp.MakeDir]);
        Assert.Empty(await board.WaitForAckAsync());
        await board.SendAsync([0x02, 0, 0, 0, (byte)'/', (byte)'d']);
        await handler.Arrived.Task.WaitAsync(HangGuard);

        var typed = host.WriteAsync("abc"u8.ToArray(), Guard()).AsTask();
        Assert.False(typed.IsCompleted);
        handler.Gate.SetResult();
        await typed;

        // The reply (s32 0) comes before the keystrokes.
        Assert.Equal([0, 0, 0, 0, .. "abc"u8], await board.ReadExactlyAsync(7));
        await CloseBoardAsync(board);
        Assert.Empty(await console);
    }

    [Fact]
    public async Task Missing_arguments_time_out_into_a_desync_and_console_mode()
    {
        var time = new FakeTimeProvider();
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible), time);
        await using var _ = host;
        var desyncs = new List<ProtocolDesyncException>();
        host.ProtocolDesync += desyncs.Add;
        var console = ReadAllConsoleAsync(host);

        // A program printed "\x18\x01" then "AB": not a request, but it looks like a STAT.
        await board.SendAsync([RemoteFsCodec.Escape, 0x01, (byte)'A', (byte)'B']);
        // The deadline is armed before the ack goes out, so once the ack is here the clock can move.
        Assert.Empty(await board.WaitForAckAsync());
        time.Advance(host.RequestArgumentTimeout);
        await board.SendAsync("\r\n>>> ");
        await CloseBoardAsync(board);

        Assert.Equal("AB\r\n>>> ", Encoding.ASCII.GetString(await console));
        var desync = Assert.Single(desyncs);
        Assert.Contains("sim", desync.Message);
        Assert.Contains("Stat", desync.Problem);
        Assert.Equal(0, host.RequestsServed);
    }

    [Fact]
    public async Task Impossible_argument_bytes_are_a_desync_and_stay_console_data()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        var desyncs = new List<ProtocolDesyncException>();
        host.ProtocolDesync += desyncs.Add;
        var console = ReadAllConsoleAsync(host);
        await board.SendAsync([RemoteFsCodec.Escape, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'z']);
        Assert.Empty(await board.WaitForAckAsync());
        await CloseBoardAsync(board);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, (byte)'z' }, await console);
        Assert.Contains("length", Assert.Single(desyncs).Problem);
        Assert.Equal(1, host.DesyncCount);
    }

    [Fact]
    public async Task Link_closing_mid_request_is_a_disconnect()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        await board.SendAsync([RemoteFsCodec.Escape, 0x04, 0x05, 0x00]);
        await CloseBoardAsync(board);
        var ex = await Assert.ThrowsAsync<DeviceDisconnectedException>(() => console);
        Assert.Contains("sim", ex.Problem);
        Assert.Contains("Open", ex.Problem);
    }

    [Fact]
    public async Task A_closed_link_reads_as_zero()
    {
        var (host, board) = ConnectionLink.Create();
        await using var _ = host;
        await CloseBoardAsync(board);
        Assert.Equal(0, await host.ReadConsoleAsync(new byte[8], Guard()));
    }

    [Fact]
    public async Task A_trailing_escape_at_the_end_of_the_link_is_console_data()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        await board.SendAsync([(byte)'q', RemoteFsCodec.Escape]);
        await CloseBoardAsync(board);
        Assert.Equal(new byte[] { (byte)'q', RemoteFsCodec.Escape }, await ReadAllConsoleAsync(host));
    }

    [Fact]
    public async Task Cancelling_a_console_read_leaves_the_connection_usable()
    {
        var (host, board) = ConnectionLink.Create();
        await using var _ = host;
        using var cts = new CancellationTokenSource();
        var read = host.ReadConsoleAsync(new byte[8], cts.Token).AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        await board.SendAsync("ok");
        var buffer = new byte[8];
        var n = await host.ReadConsoleAsync(buffer, Guard());
        Assert.Equal("ok", Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public async Task Disposing_ends_a_pending_read()
    {
        var (host, _) = ConnectionLink.Create();
        var read = host.ReadConsoleAsync(new byte[8], Guard()).AsTask();
        await host.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => host.WriteAsync("x"u8.ToArray(), Guard()).AsTask());
    }

    [Fact]
    public async Task Only_one_reader_at_a_time()
    {
        var (host, _) = ConnectionLink.Create();
        await using var __ = host;
        using var cts = new CancellationTokenSource();
        var first = host.ReadConsoleAsync(new byte[8], cts.Token).AsTask();
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.ReadConsoleAsync(new byte[8], Guard()).AsTask());
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public async Task Unread_bytes_come_back_first_and_are_never_requests()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        await board.SendAsync("tail");
        host.Unread([0x18, 0x01]);
        host.Unread("x"u8);
        await CloseBoardAsync(board);
        Assert.Equal([.. "x"u8, 0x18, 0x01, .. "tail"u8], await ReadAllConsoleAsync(host, 2));
    }

    [Fact]
    public async Task Console_bytes_are_observed_once_whichever_read_takes_them()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        var observed = new List<byte>();
        host.ConsoleRead += data => observed.AddRange(data.ToArray());
        await board.SendAsync("ab");
        var buffer = new byte[1];
        // Non-blocking read of what has arrived, then put back and read again: observed once.
        Assert.True(host.TryReadConsole(buffer, out var n));
        Assert.Equal(1, n);
        host.Unread(buffer);
        var console = ReadAllConsoleAsync(host);
        await board.SendAsync([0x18, 0x01, 0x02, 0, 0, 0, (byte)'/', (byte)'x']);
        Assert.Empty(await board.WaitForAckAsync());
        await board.SendAsync("c");
        await CloseBoardAsync(board);
        Assert.Equal("abc", Encoding.ASCII.GetString(await console));
        Assert.Equal("abc", Encoding.ASCII.GetString([.. observed]));
    }

    [Fact]
    public async Task Try_read_leaves_a_pending_request_for_the_next_read()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(RecordingHandler.Plausible));
        await using var _ = host;
        await board.SendAsync([0x18, 0x0C, 0x02, 0, 0, 0, (byte)'/', (byte)'d']);
        var requestWaiting = host.TryReadConsole(new byte[8], out var n);
        Assert.False(requestWaiting && n > 0);
        var console = ReadAllConsoleAsync(host);
        Assert.Empty(await board.WaitForAckAsync());
        Assert.Equal(new StatusReply(0), await board.ReadReplyAsync(new MakeDirRequest("/d")));
        await CloseBoardAsync(board);
        Assert.Empty(await console);
        Assert.Equal(1, host.RequestsServed);
    }

    [Fact]
    public async Task A_failing_handler_still_answers_the_board_then_surfaces()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(_ => throw new InvalidOperationException("bug in the server")));
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        var reply = await board.RequestAsync(new OpenRequest("/x", "r"));
        Assert.Equal(RemoteFsReply.Error(Errno.EIO), reply);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => console);
        Assert.Equal("bug in the server", ex.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_shape_is_replaced_and_surfaces()
    {
        var (host, board) = ConnectionLink.Create(new RecordingHandler(_ => new StatusReply(0)));
        await using var _ = host;
        var console = ReadAllConsoleAsync(host);
        var reply = await board.RequestAsync(new ReadRequest(0, 10));
        Assert.Equal(RemoteFsSamples.Describe(new DataReply([])), RemoteFsSamples.Describe(reply));
        await Assert.ThrowsAsync<ArgumentException>(() => console);
    }

    [Fact]
    public async Task Writes_after_the_board_went_away_are_disconnects()
    {
        var (host, board) = ConnectionLink.Create();
        await using var _ = host;
        board.Pipe.Input.Complete();
        // The first write may land before the pipe notices; the flush result then reports it.
        var ex = await Assert.ThrowsAsync<DeviceDisconnectedException>(async () =>
        {
            await host.WriteAsync("a"u8.ToArray(), Guard());
            await host.WriteAsync("b"u8.ToArray(), Guard());
        });
        Assert.Contains("sim", ex.Message);
    }
}
