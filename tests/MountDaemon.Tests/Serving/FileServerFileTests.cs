using System.Text;
using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class FileServerFileTests : FileServerTestBase
{

    private async Task<int> Open(string path, string mode)
    {
        var reply = Assert.IsType<StatusReply>(await Send(new OpenRequest(path, mode)));
        Assert.True(reply.Value >= 0, $"open {path} {mode} -> {reply.Value}");
        return reply.Value;
    }

    private async Task<byte[]> Read(int fd, int n) => Assert.IsType<DataReply>(await Send(new ReadRequest(fd, n))).Data;

    private async Task<byte[]> ReadLine(int fd) => Assert.IsType<DataReply>(await Send(new ReadLineRequest(fd))).Data;

    [Theory]
    [InlineData("q")]
    [InlineData("")]
    [InlineData("rw")]
    [InlineData("rr")]
    [InlineData("r++")]
    [InlineData("rbt")]
    [InlineData("bb")]
    [InlineData("b")]
    [InlineData("rU")]
    public async Task InvalidModesAreEinval(string mode)
    {
        Dir.Write("f", "x");
        Assert.Equal(new StatusReply(-22), await Send(new OpenRequest("/f", mode)));
    }

    [Fact]
    public async Task OpenErrors()
    {
        Directory.CreateDirectory(Dir.Combine("d"));
        Dir.Write("x.txt", "exists");
        Assert.Equal(new StatusReply(-2), await Send(new OpenRequest("/none", "r")));
        Assert.Equal(new StatusReply(-2), await Send(new OpenRequest("/none", "r+")));
        Assert.Equal(new StatusReply(-2), await Send(new OpenRequest("/nodir/f", "w")));
        Assert.Equal(new StatusReply(-21), await Send(new OpenRequest("/d", "r")));
        Assert.Equal(new StatusReply(-21), await Send(new OpenRequest("/d", "w")));
        Assert.Equal(new StatusReply(-17), await Send(new OpenRequest("/x.txt", "x")));
        Assert.Equal(new StatusReply(-1), await Send(new OpenRequest("/../x.txt", "r")));
        Assert.Equal(0, Server.OpenFileCount);
    }

    [Fact]
    public async Task BinaryReadReturnsFullChunksUntilEndOfFile()
    {
        var content = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Dir.Write("m.bin", content);
        var fd = await Open("/m.bin", "rb");
        Assert.Equal(content[..249], await Read(fd, 249));
        Assert.Equal(content[249..498], await Read(fd, 249));
        Assert.Equal(content[498..], await Read(fd, -1));
        Assert.Empty(await Read(fd, 249));
        Assert.IsType<NoReply>(await Send(new CloseRequest(fd)));
    }

    [Fact]
    public async Task BinaryReadOfHugeCountIsBoundedByTheFile()
    {
        Dir.Write("s.bin", "abc");
        var fd = await Open("/s.bin", "rb");
        Assert.Equal("abc"u8.ToArray(), await Read(fd, int.MaxValue));
    }

    [Fact]
    public async Task BinaryReadLineKeepsTerminators()
    {
        Dir.Write("l.bin", "one\r\ntwo\nlast");
        var fd = await Open("/l.bin", "rb");
        Assert.Equal("one\r\n"u8.ToArray(), await ReadLine(fd));
        Assert.Equal("two\n"u8.ToArray(), await ReadLine(fd));
        Assert.Equal("last"u8.ToArray(), await ReadLine(fd));
        Assert.Empty(await ReadLine(fd));
    }

    [Fact]
    public async Task TextReadCountsCharactersAndNeverSplitsOne()
    {
        Dir.Write("t.txt", Encoding.UTF8.GetBytes("h\u00e9\u20ac\U0001F600z"));
        var fd = await Open("/t.txt", "r");
        Assert.Equal("h\u00e9", Encoding.UTF8.GetString(await Read(fd, 2)));
        Assert.Equal("\u20ac\U0001F600", Encoding.UTF8.GetString(await Read(fd, 2)));
        Assert.Equal("z", Encoding.UTF8.GetString(await Read(fd, 5)));
        Assert.Empty(await Read(fd, 1));
    }

    [Fact]
    public async Task TextReadTranslatesNewlines()
    {
        Dir.Write("n.txt", "a\r\nb\rc\nd\r");
        var fd = await Open("/n.txt", "rt");
        Assert.Equal("a\nb\nc\nd\n", Encoding.UTF8.GetString(await Read(fd, -1)));

        var fd2 = await Open("/n.txt", "r");
        Assert.Equal("a\n", Encoding.UTF8.GetString(await Read(fd2, 2)));
        // The CRLF counted as one character and the position is after both bytes.
        Assert.Equal(new StatusReply(3), await Send(new SeekRequest(fd2, 0, 1)));
        Assert.Equal("b\n", Encoding.UTF8.GetString(await ReadLine(fd2)));
        Assert.Equal("c\n", Encoding.UTF8.GetString(await ReadLine(fd2)));
        Assert.Equal("d\n", Encoding.UTF8.GetString(await ReadLine(fd2)));
        Assert.Empty(await ReadLine(fd2));
    }

    [Fact]
    public async Task TextReadLineWithMultibyteCharacters()
    {
        Dir.Write("u.txt", "caf\u00e9 \u2603\r\nna\u00efve");
        var fd = await Open("/u.txt", "r");
        Assert.Equal("caf\u00e9 \u2603\n", Encoding.UTF8.GetString(await ReadLine(fd)));
        Assert.Equal("na\u00efve", Encoding.UTF8.GetString(await ReadLine(fd)));
    }

    [Fact]
    public async Task TextReadReplacesInvalidUtf8()
    {
        Dir.Write("bad.txt", [0x61, 0xFF, 0x62, 0xE2, 0x82]);
        var fd = await Open("/bad.txt", "r");
        Assert.Equal("a\uFFFDb\uFFFD", Encoding.UTF8.GetString(await Read(fd, -1)));
    }

    [Fact]
    public async Task BinaryWriteOfArrayLikeData()
    {
        // array('h', [1, -2, 300]) as the board sends it: its bytes, little-endian.
        byte[] data = [0x01, 0x00, 0xFE, 0xFF, 0x2C, 0x01];
        var fd = await Open("/arr.bin", "wb");
        Assert.Equal(new StatusReply(6), await Send(new WriteRequest(fd, data)));
        Assert.Equal(new StatusReply(6), await Send(new WriteRequest(fd, data)));
        await Send(new CloseRequest(fd));
        Assert.Equal([.. data, .. data], File.ReadAllBytes(Dir.Combine("arr.bin")));
    }

    [Fact]
    public async Task TextWriteRepliesCharactersAndStoresUtf8()
    {
        var fd = await Open("/h.txt", "w");
        Assert.Equal(new StatusReply(6), await Send(new WriteRequest(fd, Encoding.UTF8.GetBytes("h\u00e9llo\n"))));
        Assert.Equal(new StatusReply(1), await Send(new WriteRequest(fd, Encoding.UTF8.GetBytes("\U0001F600"))));
        await Send(new CloseRequest(fd));
        Assert.Equal("h\u00e9llo\n\U0001F600", File.ReadAllText(Dir.Combine("h.txt")));
    }

    [Fact]
    public async Task AppendAndReadPlusModes()
    {
        Dir.Write("a.txt", "start-");
        var fd = await Open("/a.txt", "a");
        await Send(new WriteRequest(fd, "more"u8.ToArray()));
        await Send(new CloseRequest(fd));
        Assert.Equal("start-more", File.ReadAllText(Dir.Combine("a.txt")));

        fd = await Open("/a.txt", "r+");
        Assert.Equal("start"u8.ToArray(), await Read(fd, 5));
        await Send(new WriteRequest(fd, "_"u8.ToArray()));
        await Send(new CloseRequest(fd));
        Assert.Equal("start_more", File.ReadAllText(Dir.Combine("a.txt")));

        fd = await Open("/a.txt", "a+b");
        Assert.Equal(new StatusReply(0), await Send(new SeekRequest(fd, 0, 0)));
        Assert.Equal("st"u8.ToArray(), await Read(fd, 2));
        // Appends go to the end whatever the position.
        await Send(new WriteRequest(fd, "!"u8.ToArray()));
        await Send(new CloseRequest(fd));
        Assert.Equal("start_more!", File.ReadAllText(Dir.Combine("a.txt")));
    }

    [Fact]
    public async Task WriteTruncatesOnlyWhenCommitted()
    {
        Dir.Write("w.txt", "old content");
        var fd = await Open("/w.txt", "w");
        Assert.Equal("old content", File.ReadAllText(Dir.Combine("w.txt")));
        await Send(new CloseRequest(fd));
        Assert.Equal("", File.ReadAllText(Dir.Combine("w.txt")));
    }

    [Fact]
    public async Task ExclusiveCreate()
    {
        var fd = await Open("/x.txt", "x");
        await Send(new WriteRequest(fd, "new"u8.ToArray()));
        await Send(new CloseRequest(fd));
        Assert.Equal("new", File.ReadAllText(Dir.Combine("x.txt")));
    }

    [Fact]
    public async Task WritingKeepsTheTargetsPermissions()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = Dir.Write("script.sh", "echo 1\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_000);
        var fd = await Open("/script.sh", "a");
        await Send(new WriteRequest(fd, "echo 2\n"u8.ToArray()));
        await Send(new CloseRequest(fd));
        Assert.Equal((UnixFileMode)0b111_101_000, File.GetUnixFileMode(path));
        Assert.Equal("echo 1\necho 2\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task WriteThroughASymlinkInsideUpdatesTheTarget()
    {
        Dir.Write("real.txt", "a");
        File.CreateSymbolicLink(Dir.Combine("link.txt"), "real.txt");
        var fd = await Open("/link.txt", "a");
        await Send(new WriteRequest(fd, "b"u8.ToArray()));
        await Send(new CloseRequest(fd));
        Assert.Equal("ab", File.ReadAllText(Dir.Combine("real.txt")));
        Assert.NotNull(new FileInfo(Dir.Combine("link.txt")).LinkTarget);
    }

    [Fact]
    public async Task WrongDirectionAndUnknownFds()
    {
        Dir.Write("r.txt", "data");
        var reader = await Open("/r.txt", "rb");
        var writer = await Open("/w.txt", "wb");
        Assert.Equal(new StatusReply(-9), await Send(new WriteRequest(reader, [1])));
        Assert.Empty(await Read(writer, 10));
        Assert.Empty(await Read(99, 10));
        Assert.Empty(await ReadLine(99));
        Assert.Equal(new StatusReply(-9), await Send(new WriteRequest(99, [1])));
        Assert.Equal(new StatusReply(-9), await Send(new SeekRequest(99, 0, 0)));
        Assert.IsType<NoReply>(await Send(new CloseRequest(99)));
        Assert.IsType<NoReply>(await Send(new CloseRequest(-1)));
        Assert.Equal("data", File.ReadAllText(Dir.Combine("r.txt")));
    }

    [Fact]
    public async Task Seek()
    {
        Dir.Write("s.bin", "0123456789");
        var fd = await Open("/s.bin", "rb");
        Assert.Equal(new StatusReply(8), await Send(new SeekRequest(fd, -2, 2)));
        Assert.Equal("89"u8.ToArray(), await Read(fd, 5));
        Assert.Equal(new StatusReply(3), await Send(new SeekRequest(fd, 3, 0)));
        Assert.Equal(new StatusReply(5), await Send(new SeekRequest(fd, 2, 1)));
        Assert.Equal("5"u8.ToArray(), await Read(fd, 1));
        Assert.Equal(new StatusReply(-22), await Send(new SeekRequest(fd, -1, 0)));
        Assert.Equal(new StatusReply(-22), await Send(new SeekRequest(fd, 0, 3)));
        Assert.Equal(new StatusReply(6), await Send(new SeekRequest(fd, 0, 1)));
        Assert.Equal(new StatusReply(20), await Send(new SeekRequest(fd, 20, 0)));
        Assert.Empty(await Read(fd, 1));
    }

    [Fact]
    public async Task TextFilesSeekByBytes()
    {
        Dir.Write("t.txt", "\u00e9a");
        var fd = await Open("/t.txt", "r");
        Assert.Equal(new StatusReply(2), await Send(new SeekRequest(fd, 2, 0)));
        Assert.Equal("a"u8.ToArray(), await Read(fd, 1));
    }

    [Fact]
    public async Task FdsAreLowestFreeAndExhaustAt128()
    {
        Dir.Write("f", "x");
        for (var i = 0; i < 128; i++)
            Assert.Equal(i, await Open("/f", "rb"));
        Assert.Equal(new StatusReply(-24), await Send(new OpenRequest("/f", "rb")));
        Assert.Equal(new StatusReply(-24), await Send(new OpenRequest("/g", "wb")));
        Assert.False(File.Exists(Dir.Combine("g")));
        await Send(new CloseRequest(5));
        await Send(new CloseRequest(3));
        Assert.Equal(3, await Open("/f", "rb"));
        Assert.Equal(5, await Open("/f", "rb"));
        Assert.Equal(128, Server.OpenFileCount);
        Assert.Equal(128, await Server.CommitOpenFilesAsync(CancellationToken.None));
        Assert.Equal(0, await Open("/f", "rb"));
    }

    [Fact]
    public async Task TempFilesAreHiddenButPendingWritesAreListed()
    {
        var fd = await Open("/pending.txt", "w");
        await Send(new WriteRequest(fd, "x"u8.ToArray()));
        var onDisk = Assert.Single(Directory.GetFiles(Dir.Path));
        Assert.StartsWith(".pending.txt.mpyd-", Path.GetFileName(onDisk), StringComparison.Ordinal);
        var listing = Assert.IsType<ListDirReply>(await Send(new ListDirRequest("/")));
        Assert.Equal([new DirEntry("pending.txt", 0x8000, 1)], listing.Entries);
    }

    [Fact]
    public async Task TheBoardSeesItsOwnUncommittedWrites()
    {
        Dir.Write("cfg.txt", "old");
        var writer = await Open("/cfg.txt", "w");
        await Send(new WriteRequest(writer, "brand new"u8.ToArray()));

        var stat = Assert.IsType<StatReply>(await Send(new StatRequest("/cfg.txt")));
        Assert.Equal(9u, stat.Size);
        var reader = await Open("/cfg.txt", "rb");
        Assert.Equal("brand new"u8.ToArray(), await Read(reader, -1));
        var appender = await Open("/cfg.txt", "a");
        await Send(new WriteRequest(appender, "!"u8.ToArray()));
        await Send(new CloseRequest(appender));
        Assert.Equal("brand new!", File.ReadAllText(Dir.Combine("cfg.txt")));

        // Each fd stages a whole copy, so the last commit wins (in-place writes would have merged).
        await Send(new CloseRequest(writer));
        Assert.Equal("brand new", File.ReadAllText(Dir.Combine("cfg.txt")));
        Assert.Equal(["cfg.txt"], Directory.GetFiles(Dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task CancelledRequestThrowsOnlyForItsOwnToken()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Server.HandleAsync(new StatRequest("/"), cancelled.Token).AsTask());
        Assert.IsType<StatReply>(await Send(new StatRequest("/")));
    }
}
