using System.Buffers;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Repl;

/// <summary>
/// Reads the raw REPL's console stream through <see cref="BoardConnection.ReadConsoleAsync"/> (so
/// mount requests keep being served) and never consumes past what a step needs: extra bytes go back
/// with <see cref="BoardConnection.Unread"/>.
/// </summary>
internal sealed class ReplReader(BoardConnection connection)
{
    private readonly byte[] _chunk = new byte[4096];

    /// <summary>Reads until the bytes read end with <paramref name="suffix"/>; returns them all (suffix included).</summary>
    public async Task<byte[]> ReadUntilAsync(ReadOnlyMemory<byte> suffix, ReplDeadline deadline, Func<byte[], Exception> onTimeout)
    {
        var seen = new ArrayBufferWriter<byte>();
        while (true)
        {
            var n = await ReadChunkAsync(deadline, () => onTimeout(seen.WrittenSpan.ToArray()), "waiting for the REPL").ConfigureAwait(false);
            var searchFrom = Math.Max(0, seen.WrittenCount - suffix.Length + 1);
            seen.Write(_chunk.AsSpan(0, n));
            var at = seen.WrittenSpan[searchFrom..].IndexOf(suffix.Span);
            if (at >= 0)
            {
                var end = searchFrom + at + suffix.Length;
                connection.Unread(seen.WrittenSpan[end..]);
                return seen.WrittenSpan[..end].ToArray();
            }
        }
    }

    public async Task<byte[]> ReadExactlyAsync(int count, ReplDeadline deadline, Func<byte[], Exception> onTimeout)
    {
        var got = new ArrayBufferWriter<byte>(count);
        while (got.WrittenCount < count)
        {
            var n = await ReadChunkAsync(deadline, () => onTimeout(got.WrittenSpan.ToArray()), "waiting for the REPL").ConfigureAwait(false);
            var take = Math.Min(n, count - got.WrittenCount);
            got.Write(_chunk.AsSpan(0, take));
            connection.Unread(_chunk.AsSpan(take, n - take));
        }
        return got.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Passes the bytes before the next <paramref name="marker"/> to <paramref name="sink"/> as they
    /// arrive and consumes the marker.
    /// </summary>
    public async Task ReadToMarkerAsync(byte marker, ReplDeadline deadline, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink,
        Func<Exception> onTimeout, string during)
    {
        while (true)
        {
            var n = await ReadChunkAsync(deadline, onTimeout, during).ConfigureAwait(false);
            var at = _chunk.AsSpan(0, n).IndexOf(marker);
            var data = at >= 0 ? at : n;
            if (data > 0)
                await sink(_chunk.AsMemory(0, data), deadline.Token).ConfigureAwait(false);
            if (at >= 0)
            {
                connection.Unread(_chunk.AsSpan(at + 1, n - at - 1));
                return;
            }
        }
    }

    /// <summary>Bytes that have already arrived, without waiting (console only).</summary>
    public bool TryReadAvailable(out ReadOnlySpan<byte> bytes)
    {
        if (connection.TryReadConsole(_chunk, out var n))
        {
            bytes = _chunk.AsSpan(0, n);
            return true;
        }
        bytes = default;
        return false;
    }

    public async Task<ReadOnlyMemory<byte>> ReadSomeAsync(ReplDeadline deadline, Func<Exception> onTimeout, string during)
    {
        var n = await ReadChunkAsync(deadline, onTimeout, during).ConfigureAwait(false);
        return _chunk.AsMemory(0, n);
    }

    private async Task<int> ReadChunkAsync(ReplDeadline deadline, Func<Exception> onTimeout, string during)
    {
        int n;
        try
        {
            n = await connection.ReadConsoleAsync(_chunk, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw onTimeout();
        }
        if (n == 0)
            throw new DeviceDisconnectedException(connection.Name, during);
        deadline.Touch();
        return n;
    }
}
