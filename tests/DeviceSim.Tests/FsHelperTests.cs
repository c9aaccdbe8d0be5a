using System.IO.Compression;
using System.Text;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.DeviceSim.Tests;

/// <summary>mpyd's board file helper (Protocol/BoardFs/mpyd_fs.py) as the simulated board runs it, byte for byte on the raw REPL.</summary>
public sealed class FsHelperTests
{
    private static async Task<BoardHarness> RawAsync(SimulatedBoard board)
    {
        var h = new BoardHarness(board: board);
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        return h;
    }

    // Classic submission; returns "stdout\x04stderr" of the result framing.
    private static async Task<string> ExecAsync(BoardHarness h, string code)
    {
        await h.SendAsync(Encoding.UTF8.GetBytes(code + "\x04"));
        var text = await h.ReadUntilAsync("\x04>");
        Assert.StartsWith("OK", text, StringComparison.Ordinal);
        return text[2..^2];
    }

    [Fact]
    public async Task The_helper_defines_its_functions_and_a_soft_reboot_forgets_them()
    {
        var board = new SimulatedBoard();
        await using var h = await RawAsync(board);
        Assert.Equal("\x04", await ExecAsync(h, BoardFsHelper.WireText + "_mpyd_fo('/a.txt')\n_mpyd_fw(b'it\\'s \\\\ ok\\n')\n_mpyd_fc('/a.txt')"));
        Assert.Equal("it's \\ ok\n", Encoding.UTF8.GetString(board.Flash.ReadFile("/a.txt")!));
        Assert.Equal("b\"it's \\\\ ok\\n\"\r\n\x04", await ExecAsync(h, "_mpyd_fr('/a.txt', 1024)"));

        await h.SendAsync("\x04");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        var missing = await ExecAsync(h, "_mpyd_fr('/a.txt', 1024)");
        Assert.Contains("NameError: name '_mpyd_fr' isn't defined", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_print_repr_or_base64_whichever_is_shorter()
    {
        var board = new SimulatedBoard();
        board.Flash.WriteFile("/mix.bin", [.. "hello world!"u8, .. Enumerable.Range(200, 40).Select(i => (byte)i)]);
        await using var h = await RawAsync(board);
        var output = await ExecAsync(h, BoardFsHelper.WireText + "_mpyd_fr('/mix.bin', 12)");
        var lines = output.TrimEnd('\x04').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("b'hello world!'", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("=", l, StringComparison.Ordinal));
        Assert.Equal(1 + 4, lines.Length);
    }

    [Fact]
    public async Task Deflated_chunks_are_inflated_or_refused_without_deflate()
    {
        var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("hello board ", 200)));
        using var ms = new MemoryStream();
        using (var d = new DeflateStream(ms, CompressionLevel.SmallestSize, leaveOpen: true))
            d.Write(text);
        var call = $"_mpyd_fo('/z.txt')\n_mpyd_fz(b'{Convert.ToBase64String(ms.ToArray())}', 12)\n_mpyd_fc('/z.txt')";

        var board = new SimulatedBoard();
        await using (var h = await RawAsync(board))
            Assert.Equal("\x04", await ExecAsync(h, BoardFsHelper.WireText + call));
        Assert.Equal(text, board.Flash.ReadFile("/z.txt"));

        var without = new SimulatedBoard(new SimulatedBoardOptions { HasDeflate = false });
        await using (var h = await RawAsync(without))
            Assert.Contains("ImportError: no module named 'zlib'", await ExecAsync(h, BoardFsHelper.WireText + call), StringComparison.Ordinal);
        Assert.Null(without.Flash.ReadFile("/z.txt"));
    }

    [Fact]
    public async Task A_full_flash_raises_enospc_and_abandoning_removes_the_temporary_file()
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions { FlashCapacity = 4096 });
        board.Flash.WriteFile("/old.bin", [1]);
        await using var h = await RawAsync(board);
        var big = Convert.ToBase64String(new byte[8192]);
        var output = await ExecAsync(h, BoardFsHelper.WireText + $"_mpyd_fo('/old.bin')\n_mpyd_fa(b'{big}')");
        Assert.Contains("OSError: 28", output, StringComparison.Ordinal);
        Assert.Contains("old.bin" + BoardFsHelper.TempSuffix, board.Flash.ListDirectory("/"));
        Assert.Equal("\x04", await ExecAsync(h, "_mpyd_fx()"));
        Assert.Equal(["old.bin"], board.Flash.ListDirectory("/"));
        Assert.Equal([1], board.Flash.ReadFile("/old.bin"));
    }

    [Fact]
    public async Task Hash_and_usage()
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions { FlashCapacity = 40960 });
        board.Flash.WriteFile("/h.txt", "abc");
        await using var h = await RawAsync(board);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\r\n\x04",
            await ExecAsync(h, BoardFsHelper.WireText + "_mpyd_fh('/h.txt', 'sha256')"));
        Assert.Equal("None\r\n\x04", await ExecAsync(h, "_mpyd_fh('/h.txt', 'md5')"));
        Assert.Equal("('/', 40960, 4096, 36864, '<unknown>')\r\n\x04", await ExecAsync(h, "_mpyd_fd()"));
        Assert.Contains("OSError: [Errno 21] EISDIR", await ExecAsync(h, "_mpyd_fh('/', 'sha256')"), StringComparison.Ordinal);
    }
}
