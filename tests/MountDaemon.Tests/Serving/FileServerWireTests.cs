using System.Buffers;
using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

/// <summary>
/// Requests go through the real codec both ways, as in the daemon: board bytes → request →
/// file server → reply → bytes → the board's decoding. Every reply, errors included, must have
/// the shape the protocol allows for its op.
/// </summary>
public sealed class FileServerWireTests : FileServerTestBase
{

    private async Task<RemoteFsReply> RoundTrip(RemoteFsRequest boardRequest)
    {
        var requestBytes = new ArrayBufferWriter<byte>();
        RemoteFsCodec.WriteRequest(requestBytes, boardRequest);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(requestBytes.WrittenMemory));
        Assert.True(RemoteFsCodec.TryReadRequest(boardRequest.Op, ref reader, out var hostRequest));

        var reply = await Server.HandleAsync(hostRequest!, CancellationToken.None);

        var replyBytes = new ArrayBufferWriter<byte>();
        RemoteFsCodec.WriteReply(replyBytes, hostRequest!, reply);
        var replyReader = new SequenceReader<byte>(new ReadOnlySequence<byte>(replyBytes.WrittenMemory));
        Assert.True(RemoteFsCodec.TryReadReply(boardRequest, ref replyReader, out var decoded));
        Assert.Equal(0, replyReader.Remaining);
        return decoded!;
    }

    [Fact]
    public async Task EveryOpAnswersInItsOwnShapeOnSuccessAndFailure()
    {
        Dir.Write("a.txt", "line 1\nline 2\n");
        Directory.CreateDirectory(Dir.Combine("d"));

        RemoteFsRequest[] requests =
        [
            new StatRequest("/a.txt"), new StatRequest("/none"), new StatRequest("/.."),
            new ListDirRequest("/"), new ListDirRequest("/a.txt"),
            new ListDirStartRequest("/"), new ListDirNextRequest(), new ListDirNextRequest(), new ListDirNextRequest(), new ListDirNextRequest(),
            new ListDirStartRequest("/none"),
            new StatFsRequest("/"), new StatFsRequest("/none"),
            new OpenRequest("/a.txt", "r"), new OpenRequest("/a.txt", "q"), new OpenRequest("/none", "r"),
            new ReadRequest(0, 3), new ReadLineRequest(0), new ReadRequest(0, -1), new ReadRequest(77, 3), new ReadLineRequest(77),
            new SeekRequest(0, 0, 0), new SeekRequest(0, 0, 9),
            new WriteRequest(0, [1]), new OpenRequest("/b.bin", "wb"), new WriteRequest(1, [1, 2, 3]),
            new CloseRequest(1), new CloseRequest(1), new CloseRequest(0),
            new RenameRequest("/b.bin", "/c.bin"), new RenameRequest("/none", "/x"),
            new RemoveRequest("/c.bin"), new RemoveRequest("/c.bin"),
            new MakeDirRequest("/e"), new MakeDirRequest("/e"), new RemoveDirRequest("/e"), new RemoveDirRequest("/e"),
        ];
        var replies = new List<RemoteFsReply>();
        foreach (var request in requests)
            replies.Add(await RoundTrip(request));

        Assert.IsType<StatReply>(replies[0]);
        Assert.Equal(new StatusReply(-2), replies[1]);
        Assert.Equal(new StatusReply(-1), replies[2]);
        Assert.Equal(2, Assert.IsType<ListDirReply>(replies[3]).Entries.Count);
        Assert.Equal(new StatusReply(-20), replies[4]);
        Assert.Equal(new StatusReply(0), replies[5]);
        Assert.Equal(new ListDirEntryReply("a.txt", 0x8000), replies[6]);
        Assert.Equal(new ListDirEntryReply("d", 0x4000), replies[7]);
        Assert.Equal(new ListDirEntryReply("", 0), replies[8]);
        Assert.Equal(new ListDirEntryReply("", 0), replies[9]);
        Assert.Equal(new StatusReply(-2), replies[10]);
        Assert.IsType<StatFsReply>(replies[11]);
        Assert.Equal(new StatusReply(-2), replies[12]);
        Assert.Equal(new StatusReply(0), replies[13]);
        Assert.Equal(new StatusReply(-22), replies[14]);
        Assert.Equal(new StatusReply(-2), replies[15]);
        Assert.Equal("lin"u8.ToArray(), Assert.IsType<DataReply>(replies[16]).Data);
        Assert.Equal("e 1\n"u8.ToArray(), Assert.IsType<DataReply>(replies[17]).Data);
        Assert.Equal("line 2\n"u8.ToArray(), Assert.IsType<DataReply>(replies[18]).Data);
        Assert.Empty(Assert.IsType<DataReply>(replies[19]).Data);
        Assert.Empty(Assert.IsType<DataReply>(replies[20]).Data);
        Assert.Equal(new StatusReply(0), replies[21]);
        Assert.Equal(new StatusReply(-22), replies[22]);
        Assert.Equal(new StatusReply(-9), replies[23]);
        Assert.Equal(new StatusReply(1), replies[24]);
        Assert.Equal(new StatusReply(3), replies[25]);
        Assert.All(replies[26..29], r => Assert.IsType<NoReply>(r));
        Assert.Equal(new StatusReply(0), replies[29]);
        Assert.Equal(new StatusReply(-2), replies[30]);
        Assert.Equal(new StatusReply(0), replies[31]);
        Assert.Equal(new StatusReply(-2), replies[32]);
        Assert.Equal(new StatusReply(0), replies[33]);
        Assert.Equal(new StatusReply(-17), replies[34]);
        Assert.Equal(new StatusReply(0), replies[35]);
        Assert.Equal(new StatusReply(-2), replies[36]);
    }

    [Fact]
    public async Task InvalidUtf8InAPathIsRefused()
    {
        // What the codec makes of bytes that are not UTF-8 (U+FFFD), as sent by a board.
        var requestBytes = new ArrayBufferWriter<byte>();
        requestBytes.Write<byte>([3, 0, 0, 0, (byte)'/', 0xC3, 0x28]);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(requestBytes.WrittenMemory));
        Assert.True(RemoteFsCodec.TryReadRequest(RemoteFsOp.Stat, ref reader, out var request));
        Assert.Equal(new StatusReply(-22), await Server.HandleAsync(request!, CancellationToken.None));
    }
}
