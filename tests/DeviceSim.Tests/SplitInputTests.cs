using System.Text;
using Mpyd.Protocol.Board;

namespace Mpyd.DeviceSim.Tests;

/// <summary>The board must not care how its input is cut: one byte per write, or random cuts.</summary>
public sealed class SplitInputTests : IDisposable
{
    private readonly TempDirHandler _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task SendInCutsAsync(BoardHarness h, byte[] data, Random? random)
    {
        for (var i = 0; i < data.Length;)
        {
            var n = random is null ? 1 : random.Next(1, 40);
            n = Math.Min(n, data.Length - i);
            await h.SendAsync(data[i..(i + n)]);
            i += n;
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    [InlineData(12345)]
    public async Task RawPaste_OfTheBoardProgram_InAnyCuts(int seed)
    {
        await using var h = new BoardHarness { Handler = _dir };
        _dir.Write("m.py", "x = 1\n");
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("exit\r\n>");
        await h.SendAsync("\u0005A\u0001");
        await h.ReadBytesAsync(5);
        var random = seed < 0 ? null : new Random(seed);
        // The board grants credits as it consumes; this host never overruns them because
        // the board reads everything it is sent (a real host would wait for credits).
        await SendInCutsAsync(h, Encoding.UTF8.GetBytes(BoardProgram.WireText + BoardProgram.MountCall() + "\nimport m\x04"), random);
        var text = await h.ReadUntilAsync("\x04>");
        Assert.EndsWith("\x04imported /remote/m.py (6 bytes, source, 4 requests)\r\n\x04\x04>", text);
    }

    [Fact]
    public async Task MountReplies_SplitIntoSingleBytes()
    {
        _dir.Write("pkg/__init__.py", new string('x', 5000));
        await using var h = await MountTests.MountedAsync(_dir);
        h.SplitReplies = true;
        await h.SendAsync("import pkg\nprint(os.listdir('pkg'))\x04");
        Assert.Equal("OKimported /remote/pkg/__init__.py (5000 bytes, source, 6 requests)\r\n['__init__.py']\r\n\x04\x04>",
            await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task SysStdout_IsCooked_AndItsBufferIsRaw()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("exit\r\n>");
        await h.SendAsync("import sys\nsys.stdout.write('a\\n')\nsys.stdout.buffer.write(b'b\\n')\x04");
        Assert.Equal("OKa\r\nb\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }
}
