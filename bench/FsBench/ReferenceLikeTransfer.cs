using System.Text;
using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Repl;

namespace Mpyd.Bench.Fs;

/// <summary>
/// The baseline: transfers shaped like the reference tool's fs cp (our own code, same shape): one exec
/// per 256-byte chunk, writes as bytes literals, reads as the repr of each 256-byte read.
/// </summary>
internal sealed class ReferenceLikeTransfer(RawReplClient repl)
{
    private const int Chunk = 256;

    public async Task WriteAsync(string path, byte[] data, CancellationToken ct)
    {
        Check(await repl.ExecAsync($"f=open({PythonSource.Str(path)},'wb')\nw=f.write", ct));
        for (var at = 0; at < data.Length; at += Chunk)
            Check(await repl.ExecAsync("w(" + PythonSource.Bytes(data.AsSpan(at, Math.Min(Chunk, data.Length - at))) + ")", ct));
        Check(await repl.ExecAsync("f.close()", ct));
    }

    public async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        Check(await repl.ExecAsync($"f=open({PythonSource.Str(path)},'rb')\nr=f.read", ct));
        using var ms = new MemoryStream();
        while (true)
        {
            var result = Check(await repl.ExecAsync($"print(repr(r({Chunk})))", ct));
            var chunk = (byte[])PythonLiteral.Parse(result.StdoutText.Trim())!;
            if (chunk.Length == 0)
                break;
            ms.Write(chunk);
        }
        Check(await repl.ExecAsync("f.close()", ct));
        return ms.ToArray();
    }

    private static ExecResult Check(ExecResult result) =>
        result.Failed ? throw new InvalidOperationException("the board raised: " + result.Stderr) : result;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
