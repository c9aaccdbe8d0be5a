using System.Buffers;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Tests.TestKit;
using static Mpyd.Protocol.Tests.RemoteFs.RemoteFsSamples;

namespace Mpyd.Protocol.Tests.RemoteFs;

public class RemoteFsCodecTests
{
    [Fact]
    public void Samples_cover_every_op()
    {
        var covered = All.Select(s => s.Request.Op).ToHashSet();
        Assert.Equal(Enum.GetValues<RemoteFsOp>().ToHashSet(), covered);
    }

    [Fact]
    public void Every_request_round_trips_host_side()
    {
        foreach (var (request, _) in All)
        {
            var bytes = EncodeRequest(request);
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            Assert.True(RemoteFsCodec.TryReadRequest(request.Op, ref reader, out var decoded), Describe(request));
            Assert.Equal(Describe(request), Describe(decoded));
            Assert.Equal(bytes.Length, reader.Consumed);
        }
    }

    [Fact]
    public void Every_reply_round_trips_board_side()
    {
        foreach (var (request, reply) in All)
        {
            var bytes = EncodeReply(request, reply);
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            Assert.True(RemoteFsCodec.TryReadReply(request, ref reader, out var decoded), Describe(reply));
            Assert.Equal(Describe(reply), Describe(decoded));
            Assert.Equal(bytes.Length, reader.Consumed);
        }
    }

    [Fact]
    public void Requests_fed_one_byte_at_a_time_complete_only_at_the_last_byte()
    {
        foreach (var (request, _) in All)
        {
            var bytes = EncodeRequest(request);
            var pieces = Segments.Bytewise(bytes);
            for (var n = 0; n <= pieces.Count; n++)
            {
                var reader = new SequenceReader<byte>(Segments.Of(pieces[..n]));
                var done = RemoteFsCodec.TryReadRequest(request.Op, ref reader, out var decoded);
                if (n < pieces.Count)
                {
                    Assert.False(done, $"{Describe(request)} complete after {n} of {pieces.Count} bytes");
                    Assert.Equal(0, reader.Consumed);
                }
                else
                {
                    Assert.True(done);
                    Assert.Equal(Describe(request), Describe(decoded));
                }
            }
        }
    }

    [Fact]
    public void Replies_fed_one_byte_at_a_time_complete_only_at_the_last_byte()
    {
        foreach (var (request, reply) in All)
        {
            var pieces = Segments.Bytewise(EncodeReply(request, reply));
            for (var n = 0; n <= pieces.Count; n++)
            {
                var reader = new SequenceReader<byte>(Segments.Of(pieces[..n]));
                var done = RemoteFsCodec.TryReadReply(request, ref reader, out var decoded);
                // Close has no reply: it is complete before any byte.
                if (n < pieces.Count)
                {
                    Assert.False(done, $"{Describe(reply)} complete after {n} of {pieces.Count} bytes");
                    Assert.Equal(0, reader.Consumed);
                }
                else
                {
                    Assert.True(done);
                    Assert.Equal(Describe(reply), Describe(decoded));
                }
            }
        }
    }

    [Fact]
    public void Random_cuts_with_trailing_bytes_decode_and_leave_the_rest()
    {
        var random = new Random(20261122);
        byte[] trailer = [0x18, 0x01, 0x41];
        for (var round = 0; round < 50; round++)
        {
            foreach (var (request, reply) in All)
            {
                byte[] req = [.. EncodeRequest(request), .. trailer];
                var reader = new SequenceReader<byte>(Segments.Of(Segments.RandomCuts(req, random, 7)));
                Assert.True(RemoteFsCodec.TryReadRequest(request.Op, ref reader, out var decodedRequest));
                Assert.Equal(Describe(request), Describe(decodedRequest));
                Assert.Equal(trailer, reader.UnreadSequence.ToArray());

                byte[] rep = [.. EncodeReply(request, reply), .. trailer];
                reader = new SequenceReader<byte>(Segments.Of(Segments.RandomCuts(rep, random, 7)));
                Assert.True(RemoteFsCodec.TryReadReply(request, ref reader, out var decodedReply));
                Assert.Equal(Describe(reply), Describe(decodedReply));
                Assert.Equal(trailer, reader.UnreadSequence.ToArray());
            }
        }
    }

    [Fact]
    public void Wire_bytes_match_the_captured_exchanges()
    {
        Assert.Equal(Convert.FromHexString("0E000000").Concat("/mount_package"u8.ToArray()),
            EncodeRequest(new StatRequest("/mount_package")));
        Assert.Equal(Convert.FromHexString("00ED410000001000005C3C036B5C3C036B5C3C036B"),
            EncodeReply(new StatRequest("/mount_package"), new StatReply(0x41ED, 4096, 0x6B033C5C, 0x6B033C5C, 0x6B033C5C)));
        Assert.Equal(Convert.FromHexString("FE"), EncodeReply(new StatRequest("/x"), RemoteFsReply.Error(Errno.ENOENT)));
        Assert.Equal(Convert.FromHexString("13000000").Concat("/mount_package/x.py"u8.ToArray()).Concat(Convert.FromHexString("02000000")).Concat("rb"u8.ToArray()),
            EncodeRequest(new OpenRequest("/mount_package/x.py", "rb")));
        Assert.Equal(Convert.FromHexString("00F9000000"), EncodeRequest(new ReadRequest(0, 249)));
        Assert.Equal(Convert.FromHexString("00"), EncodeRequest(new CloseRequest(0)));
        Assert.Empty(EncodeReply(new CloseRequest(0), NoReply.Instance));
        Assert.Equal(Convert.FromHexString("00FEFFFFFF02"), EncodeRequest(new SeekRequest(0, -2, 2)));
        Assert.Equal(Convert.FromHexString("10000000"), EncodeReply(new SeekRequest(0, -2, 2), new StatusReply(16)));
        Assert.Equal(Convert.FromHexString("D9FFFFFF"), EncodeReply(new RemoveDirRequest("/sub"), new StatusReply(-39)));
        // ListDir: status, then (name, type, size) per entry, then an empty name.
        Assert.Equal(Convert.FromHexString("00" + "01000000" + "61" + "00800000" + "05000000" + "00000000"),
            EncodeReply(new ListDirRequest("/"), new ListDirReply([new("a", 0x8000, 5)])));
    }

    [Fact]
    public void Strings_are_utf8_byte_counted()
    {
        var bytes = EncodeRequest(new OpenRequest("/café.txt", "w"));
        Assert.Equal(10, BitConverterLe(bytes, 0));
    }

    [Fact]
    public void Invalid_utf8_from_the_board_decodes_with_replacement_characters()
    {
        byte[] bytes = [0x04, 0, 0, 0, (byte)'/', 0xC3, 0x28, (byte)'x'];
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.True(RemoteFsCodec.TryReadRequest(RemoteFsOp.Stat, ref reader, out var request));
        Assert.Equal("/\uFFFD(x", Assert.IsType<StatRequest>(request).Path);
    }

    [Theory]
    [InlineData(RemoteFsOp.Stat, "FFFFFFFF")]
    [InlineData(RemoteFsOp.Open, "01000000" + "41" + "00000080")]
    [InlineData(RemoteFsOp.Write, "00" + "01000001")]
    [InlineData(RemoteFsOp.Rename, "01100000")]
    public void Impossible_lengths_are_reported_as_invalid_data(RemoteFsOp op, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            RemoteFsCodec.TryReadRequest(op, ref reader, out _);
        });
        Assert.Contains("length", ex.Message);
    }

    [Fact]
    public void Negative_data_length_in_a_reply_is_invalid_data()
    {
        var bytes = Convert.FromHexString("FEFFFFFF");
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            RemoteFsCodec.TryReadReply(new ReadRequest(0, 10), ref reader, out _);
        });
    }

    [Fact]
    public void Truncated_input_needs_more_and_consumes_nothing()
    {
        // A path that announces 100 bytes but carries 3.
        var bytes = Convert.FromHexString("64000000" + "2F6162");
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        Assert.False(RemoteFsCodec.TryReadRequest(RemoteFsOp.MakeDir, ref reader, out var request));
        Assert.Null(request);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void Unknown_op_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var reader = new SequenceReader<byte>(ReadOnlySequence<byte>.Empty);
            RemoteFsCodec.TryReadRequest((RemoteFsOp)17, ref reader, out _);
        });
    }

    [Fact]
    public void Known_ops_are_exactly_1_to_16()
    {
        var known = Enumerable.Range(0, 256).Where(b => RemoteFsCodec.IsKnownOp((byte)b)).ToArray();
        Assert.Equal(Enumerable.Range(1, 16), known);
        Assert.All(known, b => Assert.True(Enum.IsDefined((RemoteFsOp)b)));
    }

    public static TheoryData<string, RemoteFsRequest, RemoteFsReply> MismatchedReplies => new()
    {
        { "data for stat", new StatRequest("/"), new DataReply([]) },
        { "stat for open", new OpenRequest("/", "r"), new StatReply(0, 0, 0, 0, 0) },
        { "status for close", new CloseRequest(0), new StatusReply(0) },
        { "no reply for read", new ReadRequest(0, 1), NoReply.Instance },
        { "entry for listdir", new ListDirRequest("/"), new ListDirEntryReply("a", 0) },
        { "listdir for next", new ListDirNextRequest(), new ListDirReply([]) },
        { "statfs for stat", new StatRequest("/"), new StatFsReply(1, 1, 1, 1, 1) },
        { "stat error form with 0", new StatRequest("/"), new StatusReply(0) },
        { "statfs error form positive", new StatFsRequest("/"), new StatusReply(3) },
        { "open fd 128", new OpenRequest("/", "r"), new StatusReply(128) },
        { "stat status -129", new StatRequest("/"), new StatusReply(-129) },
        { "listdir start 200", new ListDirStartRequest("/"), new StatusReply(200) },
        { "listing with empty name", new ListDirRequest("/"), new ListDirReply([new("a", 0x8000, 0), new("", 0x8000, 0)]) },
    };

    [Theory]
    [MemberData(nameof(MismatchedReplies))]
    public void Replies_that_do_not_fit_are_refused_before_writing(string why, RemoteFsRequest request, RemoteFsReply reply)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => RemoteFsCodec.WriteReply(buffer, request, reply));
        Assert.True(buffer.WrittenCount == 0, why);
    }

    [Fact]
    public void S32_status_fields_take_the_full_range()
    {
        Assert.Equal(Convert.FromHexString("00000080"), EncodeReply(new WriteRequest(0, []), new StatusReply(int.MinValue)));
        Assert.Equal(Convert.FromHexString("FFFFFF7F"), EncodeReply(new SeekRequest(0, 0, 0), new StatusReply(int.MaxValue)));
    }

    [Fact]
    public void Request_fd_and_whence_are_range_checked()
    {
        var buffer = new ArrayBufferWriter<byte>();
        Assert.Throws<ArgumentException>(() => RemoteFsCodec.WriteRequest(buffer, new CloseRequest(128)));
        Assert.Throws<ArgumentException>(() => RemoteFsCodec.WriteRequest(buffer, new SeekRequest(0, 0, -200)));
    }

    private static int BitConverterLe(byte[] bytes, int at) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
}
