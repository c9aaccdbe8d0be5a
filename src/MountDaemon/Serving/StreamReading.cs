using System.Buffers;
using System.Text;

namespace Mpyd.MountDaemon.Serving;

/// <summary>
/// READ and READLINE on a seekable stream. Text reads count characters, decode UTF-8 (invalid
/// bytes become U+FFFD), translate CRLF and CR to LF, and leave the stream exactly after the last
/// byte consumed, so a text file's position is always a byte offset (tell/seek use byte offsets).
/// </summary>
internal static class StreamReading
{
    private const int Block = 4096;

    /// <summary>Binary read: up to <paramref name="count"/> bytes (all when negative); short only at end of file.</summary>
    public static byte[] ReadBinary(Stream stream, int count, int limit)
    {
        var remaining = Math.Max(0, stream.Length - stream.Position);
        var n = (int)Math.Min(count < 0 ? remaining : Math.Min(count, remaining), limit);
        if (n == 0)
            return [];
        var buffer = new byte[n];
        var got = stream.ReadAtLeast(buffer, n, throwOnEndOfStream: false);
        return got == n ? buffer : buffer[..got];
    }

    /// <summary>Binary readline: bytes up to and including '\n', or to end of file.</summary>
    public static byte[] ReadBinaryLine(Stream stream, int limit)
    {
        var window = new Window(stream);
        var output = new ArrayBufferWriter<byte>();
        var i = 0;
        while (i < limit)
        {
            var b = window.At(i);
            if (b < 0)
                break;
            i++;
            if (b == '\n')
                break;
        }
        window.CopyTo(output, i);
        window.Finish(i);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Text read: up to <paramref name="maxChars"/> characters (all when negative), or one line.</summary>
    public static byte[] ReadText(Stream stream, int maxChars, bool oneLine, int limit)
    {
        var window = new Window(stream);
        var output = new ArrayBufferWriter<byte>();
        Span<byte> sequence = stackalloc byte[4];
        Span<byte> encoded = stackalloc byte[4];
        var i = 0;
        var chars = 0;
        while ((maxChars < 0 || chars < maxChars) && output.WrittenCount < limit)
        {
            var b = window.At(i);
            if (b < 0)
                break;
            chars++;
            if (b is '\r' or '\n')
            {
                i += b == '\r' && window.At(i + 1) == '\n' ? 2 : 1;
                output.Write("\n"u8);
                if (oneLine)
                    break;
                continue;
            }
            var available = 0;
            while (available < 4 && window.At(i + available) is var next and >= 0)
                sequence[available++] = (byte)next;
            var status = Rune.DecodeFromUtf8(sequence[..available], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
                rune = Rune.ReplacementChar;
            i += Math.Max(consumed, 1);
            output.Write(encoded[..rune.EncodeToUtf8(encoded)]);
        }
        window.Finish(i);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Characters the board sent in a text write: code points, an invalid byte counting as one.</summary>
    public static int CountCharacters(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        while (!utf8.IsEmpty)
        {
            Rune.DecodeFromUtf8(utf8, out _, out var consumed);
            utf8 = utf8[Math.Max(consumed, 1)..];
            count++;
        }
        return count;
    }

    // Bytes from the stream's position on, read in blocks on demand; Finish puts the
    // position right after the bytes actually consumed.
    private sealed class Window(Stream stream)
    {
        private readonly long _start = stream.Position;
        private byte[] _buffer = [];
        private int _length;
        private bool _eof;

        public int At(int index)
        {
            while (index >= _length && !_eof)
            {
                if (_buffer.Length - _length < Block)
                    Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + Block));
                var n = stream.Read(_buffer, _length, _buffer.Length - _length);
                if (n == 0)
                    _eof = true;
                _length += n;
            }
            return index < _length ? _buffer[index] : -1;
        }

        public void CopyTo(IBufferWriter<byte> output, int count) => output.Write(_buffer.AsSpan(0, count));

        public void Finish(int consumed) => stream.Position = _start + consumed;
    }
}
