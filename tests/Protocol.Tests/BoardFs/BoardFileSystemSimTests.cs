using System.Security.Cryptography;
using Mpyd.DeviceSim;
using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Tests.TestKit;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.BoardFs;

/// <summary>BoardFileSystem against the simulated board over an in-memory link.</summary>
public class BoardFileSystemSimTests
{
    private static async Task<(SimSession Session, BoardFileSystem Fs)> StartAsync(SimulatedBoardOptions? options = null)
    {
        var s = new SimSession(options);
        await s.Client.EnterRawReplAsync(softReset: false, Guard());
        return (s, new BoardFileSystem(s.Client));
    }

    internal static byte[] EveryByte(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
            data[i] = (byte)(i * 7 + i / 256);
        return data;
    }

    private static async Task<byte[]> ReadAsync(BoardFileSystem fs, string path)
    {
        using var ms = new MemoryStream();
        await fs.ReadFileAsync(path, ms, null, Guard());
        return ms.ToArray();
    }

    private static Task WriteAsync(BoardFileSystem fs, string path, byte[] data, IProgress<long>? progress = null) =>
        fs.WriteFileAsync(path, new MemoryStream(data), data.Length, progress, Guard());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(70 * 1024)]
    public async Task Binary_round_trip_keeps_every_byte(int length)
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        var data = EveryByte(length);
        await WriteAsync(fs, "/data.bin", data);
        Assert.Equal(data, s.Board.Flash.ReadFile("/data.bin"));
        Assert.Equal(data, await ReadAsync(fs, "/data.bin"));
        // No temporary file is left behind.
        Assert.Equal(["data.bin"], s.Board.Flash.ListDirectory("/"));
    }

    [Fact]
    public async Task Text_round_trip_and_progress()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        var text = string.Concat(Enumerable.Range(0, 400).Select(i => $"print('line {i}', \"q\\\\\")\r\n\t\x03\x04\n"));
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        var reports = new List<long>();
        await WriteAsync(fs, "main.py", data, new SyncProgress(reports));
        Assert.Equal(data.Length, reports[^1]);
        Assert.True(reports.Count > 1);
        var back = new List<long>();
        using var ms = new MemoryStream();
        await fs.ReadFileAsync("main.py", ms, new SyncProgress(back), Guard());
        Assert.Equal(data, ms.ToArray());
        Assert.Equal(data.Length, back[^1]);
    }

    [Fact]
    public async Task Source_text_with_quotes_and_backslashes_goes_as_bytes_literals()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        fs = new BoardFileSystem(s.Client) { Compress = false };
        var text = string.Concat(Enumerable.Range(0, 300).Select(i => $"x = 'it\\'s {i}' + \"\\\\n\"  # cafe\n"));
        var data = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.True(PythonSource.BytesLength(data) < data.Length * 4 / 3, "the text must take the bytes-literal path");
        await WriteAsync(fs, "/src.py", data);
        Assert.Equal(data, s.Board.Flash.ReadFile("/src.py"));
        Assert.Equal(data, await ReadAsync(fs, "/src.py"));
    }

    private static byte[] SourceText(int size)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; sb.Length < size; i++)
            sb.Append($"def f{i}(x):\n    return x * {i} + len('value {i % 7}')\n\n");
        return System.Text.Encoding.UTF8.GetBytes(sb.ToString(0, size));
    }

    [Fact]
    public async Task Compressible_data_goes_deflated()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        var data = SourceText(40_000);
        var before = s.Connection.BytesOut;
        await WriteAsync(fs, "/c.py", data);
        Assert.Equal(data, s.Board.Flash.ReadFile("/c.py"));
        // The helper itself is about 2.5 KB; the 40 KB of text take far less than 40 KB.
        Assert.True(s.Connection.BytesOut - before < data.Length / 2, $"{s.Connection.BytesOut - before} bytes sent");
    }

    [Fact]
    public async Task Without_deflate_on_the_board_chunks_go_plain()
    {
        var (s, fs) = await StartAsync(new SimulatedBoardOptions { HasDeflate = false });
        await using var _ = s;
        var data = SourceText(20_000);
        await WriteAsync(fs, "/c.py", data);
        Assert.Equal(data, s.Board.Flash.ReadFile("/c.py"));
        var before = s.Connection.BytesOut;
        await WriteAsync(fs, "/d.py", data);
        Assert.Equal(data, s.Board.Flash.ReadFile("/d.py"));
        // Remembered: the second file went plain at once (no failed compressed exec).
        Assert.True(s.Connection.BytesOut - before > data.Length, $"{s.Connection.BytesOut - before} bytes sent");
        Assert.Equal(["c.py", "d.py"], s.Board.Flash.ListDirectory("/").Order());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Plain_chunks_then_compressible_ones_arrive_whole_with_or_without_deflate(bool hasDeflate)
    {
        var (s, fs) = await StartAsync(new SimulatedBoardOptions { HasDeflate = hasDeflate });
        await using var _ = s;
        var random = new byte[6000];
        new Random(5).NextBytes(random);
        byte[] data = [.. random, .. SourceText(30_000), .. "x"u8];
        var reports = new List<long>();
        await WriteAsync(fs, "/m.bin", data, new SyncProgress(reports));
        Assert.Equal(data, s.Board.Flash.ReadFile("/m.bin"));
        Assert.Equal(data.Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(["m.bin"], s.Board.Flash.ListDirectory("/"));
    }

    [Fact]
    public async Task Listing_stat_and_directory_operations()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        await fs.MakeDirectoryAsync("/lib", Guard());
        await fs.TouchAsync("/lib/a.py", Guard());
        await WriteAsync(fs, "/lib/b.bin", [1, 2, 3]);
        var entries = await fs.ListDirectoryAsync("/lib", Guard());
        Assert.Equal([new BoardEntry("a.py", false, 0), new BoardEntry("b.bin", false, 3)], entries.OrderBy(e => e.Name));
        Assert.Equal(new BoardEntry("lib", true, 0), await fs.StatAsync("/lib/", Guard()));
        Assert.Equal(new BoardEntry("b.bin", false, 3), await fs.StatAsync("/lib/b.bin", Guard()));
        Assert.Null(await fs.StatAsync("/nope", Guard()));
        Assert.Null(await fs.StatAsync("/lib/b.bin/x", Guard()));
        Assert.Equal("/", await fs.GetCurrentDirectoryAsync(Guard()));

        var notEmpty = await Assert.ThrowsAsync<BoardFsException>(() => fs.RemoveDirectoryAsync("/lib", Guard()));
        Assert.NotEqual(0, notEmpty.Errno);
        await fs.RemoveFileAsync("/lib/a.py", Guard());
        await fs.RemoveFileAsync("/lib/b.bin", Guard());
        await fs.RemoveDirectoryAsync("/lib", Guard());
        Assert.Empty(await fs.ListDirectoryAsync("/", Guard()));
    }

    [Fact]
    public async Task Board_errors_carry_errno_and_path()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        var missing = await Assert.ThrowsAsync<BoardFsException>(() => ReadAsync(fs, "/missing.txt"));
        Assert.Equal(2, missing.Errno);
        Assert.Equal("/missing.txt", missing.Path);
        await fs.MakeDirectoryAsync("d", Guard());
        Assert.Equal(17, (await Assert.ThrowsAsync<BoardFsException>(() => fs.MakeDirectoryAsync("d", Guard()))).Errno);
        Assert.Equal(21, (await Assert.ThrowsAsync<BoardFsException>(() => ReadAsync(fs, "d"))).Errno);
        Assert.Equal(21, (await Assert.ThrowsAsync<BoardFsException>(() => WriteAsync(fs, "d", [1]))).Errno);
        Assert.Equal(2, (await Assert.ThrowsAsync<BoardFsException>(() => fs.RemoveFileAsync("nope", Guard()))).Errno);
        Assert.Equal(2, (await Assert.ThrowsAsync<BoardFsException>(() => fs.ListDirectoryAsync("nope", Guard()))).Errno);
        Assert.Equal(2, (await Assert.ThrowsAsync<BoardFsException>(() => WriteAsync(fs, "/no/dir/x", [1]))).Errno);
        Assert.Equal(2, (await Assert.ThrowsAsync<BoardFsException>(() => fs.HashAsync("nope", "sha256", Guard()))).Errno);
    }

    [Theory]
    [InlineData("it's.txt")]
    [InlineData("back\\slash \"q\".txt")]
    [InlineData("ünïcødé ✓ 𝄞.py")]
    [InlineData("new\nline\ttab.txt")]
    public async Task Names_with_quotes_backslashes_and_unicode(string name)
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        await WriteAsync(fs, "/" + name, [65, 66]);
        Assert.Equal([65, 66], s.Board.Flash.ReadFile("/" + name));
        Assert.Equal(name, Assert.Single(await fs.ListDirectoryAsync("/", Guard())).Name);
        Assert.Equal(new BoardEntry(name, false, 2), await fs.StatAsync("/" + name, Guard()));
        Assert.Equal([65, 66], await ReadAsync(fs, "/" + name));
        await fs.RemoveFileAsync("/" + name, Guard());
        Assert.Empty(s.Board.Flash.ListDirectory("/"));
    }

    [Fact]
    public async Task Hash_on_the_board_or_null_without_the_algorithm()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        var data = EveryByte(3000);
        s.Board.Flash.WriteFile("/h.bin", data);
        Assert.Equal(SHA256.HashData(data), await fs.HashAsync("/h.bin", "sha256", Guard()));
        Assert.Null(await fs.HashAsync("/h.bin", "sha512", Guard()));
    }

    [Fact]
    public async Task Usage_lists_the_flash()
    {
        var (s, fs) = await StartAsync(new SimulatedBoardOptions { FlashCapacity = 1024 * 1024 });
        await using var _ = s;
        s.Board.Flash.WriteFile("/x.bin", new byte[10_000]);
        var row = Assert.Single(await fs.GetUsageAsync(Guard()));
        Assert.Equal("/", row.MountPoint);
        Assert.Equal(1024 * 1024, row.Size);
        Assert.Equal(3 * 4096, row.Used);
        Assert.Equal(row.Size - row.Used, row.Available);
    }

    [Fact]
    public async Task A_full_flash_is_enospc_and_the_old_file_stays()
    {
        var (s, fs) = await StartAsync(new SimulatedBoardOptions { FlashCapacity = 64 * 1024 });
        await using var _ = s;
        s.Board.Flash.WriteFile("/keep.bin", [9, 9, 9]);
        var e = await Assert.ThrowsAsync<BoardFsException>(() => WriteAsync(fs, "/keep.bin", EveryByte(100 * 1024)));
        Assert.Equal(28, e.Errno);
        Assert.Equal([9, 9, 9], s.Board.Flash.ReadFile("/keep.bin"));
        Assert.Equal(["keep.bin"], s.Board.Flash.ListDirectory("/"));
        // The session is still usable.
        await WriteAsync(fs, "/small.bin", [1]);
        Assert.Equal([1], s.Board.Flash.ReadFile("/small.bin"));
    }

    [Fact]
    public async Task A_small_file_that_does_not_fit_leaves_no_temporary_file()
    {
        var (s, fs) = await StartAsync(new SimulatedBoardOptions { FlashCapacity = 1000 });
        await using var _ = s;
        var random = new byte[2000];
        new Random(3).NextBytes(random);
        Assert.Equal(28, (await Assert.ThrowsAsync<BoardFsException>(() => WriteAsync(fs, "/x.bin", random))).Errno);
        Assert.Empty(s.Board.Flash.ListDirectory("/"));
    }

    [Fact]
    public async Task Soft_reboot_between_calls_sends_the_helper_again()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        await WriteAsync(fs, "/a.bin", [1, 2]);
        Assert.True(fs.HelperSent);
        await s.Client.SoftResetAsync(Guard());
        Assert.Equal([1, 2], await ReadAsync(fs, "/a.bin"));
        await s.Client.SoftResetAsync(Guard());
        await WriteAsync(fs, "/b.bin", EveryByte(10_000));
        Assert.Equal(EveryByte(10_000), s.Board.Flash.ReadFile("/b.bin"));
        await s.Client.SoftResetAsync(Guard());
        Assert.NotNull(await fs.HashAsync("/b.bin", "sha256", Guard()));
        await s.Client.SoftResetAsync(Guard());
        Assert.Single(await fs.GetUsageAsync(Guard()));
    }

    [Fact]
    public async Task A_source_that_ends_early_removes_the_temporary_file()
    {
        var (s, fs) = await StartAsync();
        await using var _ = s;
        await Assert.ThrowsAsync<EndOfStreamException>(() => fs.WriteFileAsync("/t.bin", new MemoryStream(new byte[5000]), 9000, null, Guard()));
        Assert.Empty(s.Board.Flash.ListDirectory("/"));
    }

    [Fact]
    public async Task Cancellation_stops_a_transfer()
    {
        var (s, fs) = await StartAsync(new SimulatedBoardOptions { Link = DeviceSim.Link.LinkModel.Uart115200 });
        await using var _ = s;
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress([], _ => cts.Cancel());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fs.WriteFileAsync("/big.bin", new MemoryStream(EveryByte(64 * 1024)), 64 * 1024, progress, cts.Token));
        // The old file never appeared under its name.
        Assert.False(s.Board.Flash.FileExists("/big.bin"));
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress(List<long> reports, Action<long>? then = null) : IProgress<long>
    {
        public void Report(long value)
        {
            reports.Add(value);
            then?.Invoke(value);
        }
    }
}
