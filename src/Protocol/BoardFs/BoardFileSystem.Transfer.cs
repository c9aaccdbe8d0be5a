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

    // The board has neither deflate nor zlib (found at the first compressed chunk): plain chunks from then on.
    private bool _inflateMissing;

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
    /// One exec per <see cref="WriteChunkSize"/> bytes (raw-paste carries the flow control), each chunk
    /// the shortest of a bytes literal (text), base64 (binary) and raw deflate + base64 (compressible
    /// data, when <see cref="Compress"/> is on and the board can inflate; a board that cannot is
    /// remembered for the session). The board writes to a temporary name next to the file
    /// (<see cref="BoardFsHelper.TempSuffix"/>) and renames it over the file after the last chunk,
    /// so a failed write leaves the old file as it was. The price: the board needs room for both
    /// copies while writing. After a board error the temporary file is removed; after a cancellation
    /// (board state unknown) it may stay behind.
    /// </summary>
    /// <exception cref="EndOfStreamException"><paramref name="source"/> ended before <paramref name="length"/> bytes.</exception>
    public async Task WriteFileAsync(string path, Stream source, long length, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var quoted = Quote(path);
        var buffer = ArrayPool<byte>.Shared.Rent(WriteChunkSize);
        var opened = false;
        try
        {
            long done = 0;
            do
            {
                var n = (int)Math.Min(WriteChunkSize, length - done);
                await source.ReadExactlyAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                var last = done + n == length;
                var chunk = buffer.AsMemory(0, n);
                var (code, compressed) = ChunkCode(quoted, chunk.Span, opened, last, Compress && !_inflateMissing);
                try
                {
                    // The first exec opens the file: safe to repeat after re-sending the helper. Later ones are not.
                    await RunHelperAsync(code, path, null, retry: !opened, cancellationToken).ConfigureAwait(false);
                }
                catch (BoardFsException e) when (compressed && e.InnerException is RemoteExecException r && IsInflateMissing(r.Stderr))
                {
                    // The board cannot inflate: nothing of this chunk was written (the import comes first). Send it plain.
                    _inflateMissing = true;
                    (code, _) = ChunkCode(quoted, chunk.Span, opened, last, compress: false);
                    await RunHelperAsync(code, path, null, retry: !opened, cancellationToken).ConfigureAwait(false);
                }
                opened = true;
                done += n;
                progress?.Report(done);
            }
            while (done < length);
        }
        catch (BoardFsException) when (opened && _helperSent)
        {
            await AbandonWriteAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
        catch (EndOfStreamException) when (opened && _helperSent)
        {
            await AbandonWriteAsync(cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (string Code, bool Compressed) ChunkCode(string quotedPath, ReadOnlySpan<byte> chunk, bool opened, bool last, bool compress)
    {
        var code = new StringBuilder(chunk.Length * 4 / 3 + 64);
        if (!opened)
            code.Append("_mpyd_fo(").Append(quotedPath).Append(")\n");
        var compressed = chunk.Length > 0 && AppendChunk(code, chunk, compress);
        if (last)
            code.Append("_mpyd_fc(").Append(quotedPath).Append(")\n");
        return (code.ToString(), compressed);
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
