using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Mpyd.Protocol.RemoteFs;

/// <summary>
/// Bytes ↔ typed messages of the mount protocol, both directions, no I/O.
/// The host reads requests and writes replies; the simulated board writes requests and reads replies.
/// The <c>0x18 op</c> prefix and the host's <c>0x18</c> ack are framing, handled by the caller:
/// this codec sees only the arguments and the reply.
/// </summary>
/// <remarks>
/// The Try… readers return false when the bytes so far are a proper prefix of a message
/// (need more input); the reader is then left where it was. Bytes that cannot start a valid
/// message (negative or absurd lengths) throw <see cref="InvalidDataException"/>.
/// </remarks>
public static partial class RemoteFsCodec
{
    /// <summary>Longest path or mode string accepted from the wire, in bytes.</summary>
    public const int MaxStringLength = 4096;

    /// <summary>Longest data payload (WRITE from the board, READ reply to it) accepted from the wire, in bytes.</summary>
    public const int MaxDataLength = 16 * 1024 * 1024;

    /// <summary>The mount protocol's escape byte: starts a request (board) and acknowledges it (host).</summary>
    public const byte Escape = 0x18;

    /// <summary>
    /// After <see cref="Escape"/>: a one-shot request (mpyd extension) follows, <c>op arguments</c> sent at
    /// once without waiting for an ack; the host answers <see cref="Escape"/> and the reply in one write (no
    /// answer at all to Close). 0x80 cannot follow an ASCII byte in UTF-8 text, so console text never looks like this.
    /// </summary>
    public const byte OneShot = 0x80;

    // Invalid UTF-8 from the board decodes to U+FFFD, which the mount root refuses as a name.
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>True when <paramref name="b"/> is an op code of <see cref="RemoteFsOp"/> (1..16).</summary>
    public static bool IsKnownOp(byte b) => b >= (byte)RemoteFsOp.Stat && b <= (byte)RemoteFsOp.OpenRead;

    /// <summary>True when <paramref name="b"/>, after <see cref="Escape"/>, starts a request: a known op or <see cref="OneShot"/>.</summary>
    public static bool IsRequestStart(byte b) => b == OneShot || IsKnownOp(b);

    /// <summary>
    /// Board side: a whole one-shot request, <c>0x18 0x80 op arguments</c>, as the board program writes it.
    /// </summary>
    public static void WriteOneShotRequest(IBufferWriter<byte> output, RemoteFsRequest request)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        var span = output.GetSpan(3);
        span[0] = Escape;
        span[1] = OneShot;
        span[2] = (byte)request.Op;
        output.Advance(3);
        WriteRequest(output, request);
    }

    // ---- primitive readers: each returns false (reader untouched by the caller's copy) when short ----

    private static bool TryReadS8(ref SequenceReader<byte> reader, out int value)
    {
        if (!reader.TryRead(out var b))
        {
            value = 0;
            return false;
        }
        value = (sbyte)b;
        return true;
    }

    private static bool TryReadS32(ref SequenceReader<byte> reader, out int value) =>
        reader.TryReadLittleEndian(out value);

    private static bool TryReadU32(ref SequenceReader<byte> reader, out uint value)
    {
        var ok = reader.TryReadLittleEndian(out int raw);
        value = unchecked((uint)raw);
        return ok;
    }

    private static bool TryReadBytes(ref SequenceReader<byte> reader, int maxLength, string what, out byte[] value)
    {
        value = [];
        if (!reader.TryReadLittleEndian(out int length))
            return false;
        if (length < 0 || length > maxLength)
            throw new InvalidDataException($"mount protocol: {what} length {length} is outside 0..{maxLength}");
        if (reader.Remaining < length)
            return false;
        value = reader.UnreadSequence.Slice(0, length).ToArray();
        reader.Advance(length);
        return true;
    }

    private static bool TryReadString(ref SequenceReader<byte> reader, string what, out string value)
    {
        value = "";
        if (!TryReadBytes(ref reader, MaxStringLength, what, out var bytes))
            return false;
        value = s_utf8.GetString(bytes);
        return true;
    }

    // ---- primitive writers ----

    private static void WriteS8(IBufferWriter<byte> output, int value, string what)
    {
        if (value < sbyte.MinValue || value > sbyte.MaxValue)
            throw new ArgumentException($"{what} {value} does not fit the protocol's signed byte (-128..127)");
        var span = output.GetSpan(1);
        span[0] = unchecked((byte)(sbyte)value);
        output.Advance(1);
    }

    private static void WriteS32(IBufferWriter<byte> output, int value)
    {
        var span = output.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(span, value);
        output.Advance(4);
    }

    private static void WriteU32(IBufferWriter<byte> output, uint value)
    {
        var span = output.GetSpan(4);
        BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        output.Advance(4);
    }

    private static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteS32(output, value.Length);
        output.Write(value);
    }

    private static void WriteString(IBufferWriter<byte> output, string value)
    {
        var length = s_utf8.GetByteCount(value);
        WriteS32(output, length);
        var span = output.GetSpan(length);
        s_utf8.GetBytes(value, span);
        output.Advance(length);
    }
}
