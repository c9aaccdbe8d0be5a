using System.Security.Cryptography;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>The index names files by a prefix of their SHA-256 in hex ("short hash").</summary>
internal static class MipHash
{
    public static bool Matches(ReadOnlySpan<byte> sha256, string shortHash) =>
        Convert.ToHexStringLower(sha256).StartsWith(shortHash.ToLowerInvariant(), StringComparison.Ordinal);

    /// <summary>The hex prefix of <paramref name="data"/>'s SHA-256 as long as <paramref name="shortHash"/>, to report a mismatch.</summary>
    public static string ShortHashOf(ReadOnlySpan<byte> data, string shortHash)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(data));
        return hex[..Math.Min(hex.Length, shortHash.Length)];
    }

    public static bool DataMatches(ReadOnlySpan<byte> data, string shortHash) => Matches(SHA256.HashData(data), shortHash);
}
