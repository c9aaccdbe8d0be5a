using System.Buffers;
using System.Globalization;
using System.Text;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.BoardFs;

public sealed partial class BoardFileSystem
{
    private const string WriteBytesCall = "_mpyd_fw(";
    private const string WriteBase64Call = "_mpyd_fa(";

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
    /// One exec per <see cref="WriteChunkSize"/> bytes (raw-paste carries the flow control), each chunk a
    /// bytes literal or base64, whichever is shorter. The board writes to a temporary name next to the
    /// file (<see cref="BoardFsHelper.TempSuffix"/>) and renames it over the file after the last chunk,
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
                var code = new StringBuilder(n * 4 / 3 + 64);
                if (!opened)
                    code.Append("_mpyd_fo(").Append(quoted).Append(")\n");
                if (n > 0)
                    AppendChunk(code, buffer.AsSpan(0, n));
                if (last)
                    code.Append("_mpyd_fc(").Append(quoted).Append(")\n");
                // The first exec opens the file: safe to repeat after re-sending the helper. Later ones are not.
                await RunHelperAsync(code.ToString(), path, null, retry: !opened, cancellationToken).ConfigureAwait(false);
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

    // The shorter of a bytes literal (text-like data) and base64 (binary data).
    private static void AppendChunk(StringBuilder code, ReadOnlySpan<byte> chunk)
    {
        var base64Length = (chunk.Length + 2) / 3 * 4 + 3;
        if (PythonSource.BytesLength(chunk) <= base64Length)
        {
            code.Append(WriteBytesCall);
            PythonSource.AppendBytes(code, chunk);
        }
        else
        {
            code.Append(WriteBase64Call).Append("b'").Append(Convert.ToBase64String(chunk)).Append('\'');
        }
        code.Append(")\n");
    }
}
