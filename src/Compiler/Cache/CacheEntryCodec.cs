using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mpyd.Compiler.Cache;

/// <summary>
/// A disk entry: "MPYDCACH", u32 format version, u32 payload length, SHA-256 of the source,
/// SHA-256 of the payload, payload (the .mpy bytes). All checked on read, so a truncated or
/// damaged file is recognised.
/// </summary>
internal static class CacheEntryCodec
{
    public const int HeaderLength = 8 + 4 + 4 + 32 + 32;
    private const uint FormatVersion = 1;
    private static readonly byte[] Magic = "MPYDCACH"u8.ToArray();

    public static byte[] Encode(ReadOnlySpan<byte> sourceHash, ReadOnlySpan<byte> mpy)
    {
        var entry = new byte[HeaderLength + mpy.Length];
        var span = entry.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)mpy.Length);
        sourceHash.CopyTo(span[16..48]);
        SHA256.HashData(mpy, span[48..80]);
        mpy.CopyTo(span[HeaderLength..]);
        return entry;
    }

    /// <summary>False when the entry is damaged in any way.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> entry, out byte[] sourceHash, out byte[] mpy)
    {
        sourceHash = [];
        mpy = [];
        if (entry.Length < HeaderLength || !entry[..8].SequenceEqual(Magic)
            || BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]) != FormatVersion)
            return false;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
        if (length != (uint)(entry.Length - HeaderLength))
            return false;
        var payload = entry[HeaderLength..];
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        if (!hash.SequenceEqual(entry[48..80]))
            return false;
        sourceHash = entry[16..48].ToArray();
        mpy = payload.ToArray();
        return true;
    }
}
