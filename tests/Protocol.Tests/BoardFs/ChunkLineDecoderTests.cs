using System.Text;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.Protocol.Tests.BoardFs;

public class ChunkLineDecoderTests
{
    // What the helper prints for three chunks: a repr, a base64 line, a repr with escapes; cooked line ends.
    private static readonly byte[] s_output = Encoding.ASCII.GetBytes("b'abc'\r\n=AAEC/w==\r\nb'\\x00\\'\"\\n'\r\n");
    private static readonly byte[] s_expected = [.. "abc"u8, 0, 1, 2, 255, 0, (byte)'\'', (byte)'"', (byte)'\n'];

    [Fact]
    public async Task Lines_split_anywhere_decode_the_same()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            using var ms = new MemoryStream();
            var reports = new List<long>();
            var decoder = new ChunkLineDecoder(ms, new Recorder(reports), "/f", "dev");
            var at = 0;
            while (at < s_output.Length)
            {
                // Byte at a time in round 0, random cuts afterwards.
                var n = round == 0 ? 1 : Math.Min(random.Next(1, 12), s_output.Length - at);
                await decoder.OnStdoutAsync(s_output.AsMemory(at, n), CancellationToken.None);
                at += n;
            }
            await decoder.FinishAsync(CancellationToken.None);
            Assert.Equal(s_expected, ms.ToArray());
            Assert.Equal([3L, 7L, 11L], reports);
        }
    }

    [Fact]
    public async Task Garbage_is_a_board_fs_exception()
    {
        var decoder = new ChunkLineDecoder(new MemoryStream(), null, "/f", "dev");
        await Assert.ThrowsAsync<BoardFsException>(async () =>
            await decoder.OnStdoutAsync("hello\n"u8.ToArray(), CancellationToken.None));
        await Assert.ThrowsAsync<BoardFsException>(async () =>
            await decoder.OnStdoutAsync("=not base64!\n"u8.ToArray(), CancellationToken.None));
    }

    private sealed class Recorder(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
