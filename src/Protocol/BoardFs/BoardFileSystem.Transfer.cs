using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.BoardFs;

public sealed partial class BoardFileSystem
{
    private const string WriteBytesCall = "_mpyd_fw(";
    private const string WriteBase64Call = "_mpyd_fa(";
    private const string WriteDeflatedCall = "_mpyd_fz(";

    // Smaller chunks (a file's tail) do not gain enough to pay for the board's inflate.
    private const int MinCompressedChunk = 256;

    private enum InflateSupport { Unknown, Available, Missing }

    // Whether the board can inflate (deflate or the older zlib), found at the first compressed chunk.
    private InflateSupport _inflate;

    /// <summary>
    /// One exec: the board prints the file as lines of <see cref="ReadChunkSize"/>-byte chunks, each the
    /// repr of the bytes or '=' and their base64, whichever is shorter (text stays near 1 byte per byte,
    /// binary costs 4/3), and the lines are decoded as they arrive.
    /// </summary>
    public async Task ReadFileAsync(string path, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var decoder = new ChunkLineDecoder(destination, progress, path, Device);
        await RunHelperAsync($"_mpyd_fr({Quote(path)}, {ReadChunkSize.ToString(CultureInfo.InvariantCulture)})", path, decoder.OnStdoutAsync,
            retry: true, cancellationToken).ConfigureAwait(false);
        await decoder.FinishAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Statements of at most <see cref="WriteChunkSize"/> bytes each, as many per exec as fit in
    /// <see cref="MaxExecCodeSize"/> (raw-paste carries the flow control). Each chunk is the shortest of
    /// a bytes literal (text), base64 (binary) and raw deflate + base64 (compressible data, when
    /// <see cref="Compress"/> is on and the board can inflate; a board that cannot is found at the first
    /// compressed chunk and remembered for the session). The board writes to a temporary name next to
    /// the file (<see cref="BoardFsHelper.TempSuffix"/>) and renames it over the file after the last
    /// chunk, so a failed write leaves the old file as it was. The price: the board needs room for both
    /// copies while writing. After a board error the temporary file is removed; after a cancellation
    /// (board state unknown) it may stay behind.
    /// </summary>
    /// <exception cref="EndOfStreamException"><paramref name="source"/> ended before <paramref name="length"/> bytes.</exception>
    public async Task WriteFileAsync(string path, Stream source, long length, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var quoted = Quote(path);
        var chunk = new byte[(int)Math.Min(WriteChunkSize, Math.Max(1, length))];
        var opened = false;
        var started = false;
        try
        {
            long done = 0;
            do
            {
                var code = new StringBuilder(MaxExecCodeSize + WriteChunkSize);
                if (!opened)
                    code.Append("_mpyd_fo(").Append(quoted).Append(")\n");
                long sent = done;
                var n = 0;
                var compressed = false;
                // At least one chunk per exec; more while the last one's size still fits.
                while (true)
                {
                    n = (int)Math.Min(WriteChunkSize, length - sent);
                    await source.ReadExactlyAsync(chunk.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                    var before = code.Length;
                    compressed = n > 0 && AppendChunk(code, chunk.AsSpan(0, n), Compress && _inflate != InflateSupport.Missing);
                    sent += n;
                    // Until the board has shown it can inflate, a compressed chunk ends the exec (so only it needs resending).
                    if (sent == length || (compressed && _inflate == InflateSupport.Unknown) || code.Length + (code.Length - before) > MaxExecCodeSize)
                        break;
                }
                var last = sent == length;
                if (last)
                    code.Append("_mpyd_fc(").Append(quoted).Append(")\n");
                started = true;
                try
                {
                    // An exec that opens the file is safe to repeat after re-sending the helper. Later ones are not.
                    await RunHelperAsync(code.ToString(), path, null, retry: !opened, cancellationToken).ConfigureAwait(false);
                    if (compressed)
                        _inflate = InflateSupport.Available;
                }
                catch (BoardFsException e) when (compressed && _inflate == InflateSupport.Unknown
                    && e.InnerException is RemoteExecException r && IsInflateMissing(r.Stderr))
                {
                    // Everything before the compressed chunk (the last statement but the close) ran. Resend it plain.
                    _inflate = InflateSupport.Missing;
                    var retry = new StringBuilder(WriteChunkSize * 4 + 64);
                    AppendChunk(retry, chunk.AsSpan(0, n), compress: false);
                    if (last)
                        retry.Append("_mpyd_fc(").Append(quoted).Append(")\n");
                    opened = true;
                    await RunHelperAsync(retry.ToString(), path, null, retry: false, cancellationToken).ConfigureAwait(false);
                }
                opened = true;
                done = sent;
                progress?.Report(done);
            }
            while (done < length);
        }
        catch (BoardFsException) when (started && _helperSent)
        {
            // Also after a failing first exec: the file may have been opened before the failure.
            await AbandonWriteAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
        catch (EndOfStreamException) when (started && _helperSent)
        {
            await AbandonWriteAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private static bool IsInflateMissing(string stderr) =>
        BoardFsErrors.LastLine(stderr).StartsWith("ImportError", StringComparison.Ordinal);

    // Removes the temporary file of a failed write. Best effort: the original failure is what matters.
    private async Task AbandonWriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _repl.ExecAsync("_mpyd_fx()", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DeviceException or InvalidOperationException)
        {
            // The link or the board is gone: the temporary file stays, the old file is untouched.
        }
    }

    // The shortest of a bytes literal (text-like data), base64 (binary data) and deflate + base64.
    // True when the chunk went compressed.
    private static bool AppendChunk(StringBuilder code, ReadOnlySpan<byte> chunk, bool compress)
    {
        var literalLength = PythonSource.BytesLength(chunk);
        var base64Length = Base64Length(chunk.Length);
        if (compress && chunk.Length >= MinCompressedChunk)
        {
            var deflated = Deflate(chunk);
            // Worth it only when clearly shorter: the board spends time inflating.
            if (Base64Length(deflated.Length) + 8 < Math.Min(literalLength, base64Length) * 9 / 10)
            {
                code.Append(WriteDeflatedCall).Append("b'").Append(Convert.ToBase64String(deflated)).Append("', ")
                    .Append(WindowBits(chunk.Length).ToString(CultureInfo.InvariantCulture)).Append(")\n");
                return true;
            }
        }
        if (literalLength <= base64Length)
        {
            code.Append(WriteBytesCall);
            PythonSource.AppendBytes(code, chunk);
        }
        else
        {
            code.Append(WriteBase64Call).Append("b'").Append(Convert.ToBase64String(chunk)).Append('\'');
        }
        code.Append(")\n");
        return false;
    }

    private static int Base64Length(int bytes) => (bytes + 2) / 3 * 4 + 3;

    private static byte[] Deflate(ReadOnlySpan<byte> chunk)
    {
        using var output = new MemoryStream(chunk.Length / 2);
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            deflate.Write(chunk);
        return output.ToArray();
    }

    // Back references never reach further than the chunk, so a window of the chunk's size is enough
    // (board RAM: 2**bits bytes while inflating).
    private static int WindowBits(int chunkLength)
    {
        var bits = 8;
        while ((1 << bits) < chunkLength && bits < 15)
            bits++;
        return bits;
    }
}
