using System.Security.Cryptography;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>Digests of board files: computed on the board, or here after a download when its hashlib lacks the algorithm.</summary>
internal static class BoardHashing
{
    /// <summary>Null when neither the board nor this host knows <paramref name="algorithm"/>.</summary>
    public static async Task<byte[]?> HashAsync(IBoardFileSystem board, string path, string algorithm, CancellationToken cancellationToken)
    {
        var digest = await board.HashAsync(path, algorithm, cancellationToken).ConfigureAwait(false);
        if (digest is not null)
            return digest;
        if (!IsKnownHere(algorithm))
            return null;
        using var content = new MemoryStream();
        await board.ReadFileAsync(path, content, null, cancellationToken).ConfigureAwait(false);
        return HashHere(algorithm, content.GetBuffer().AsSpan(0, (int)content.Length));
    }

    public static bool IsKnownHere(string algorithm) => algorithm is "sha256" or "sha1" or "md5" or "sha384" or "sha512";

    public static byte[] HashHere(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        "sha256" => SHA256.HashData(data),
        "sha1" => SHA1.HashData(data),
        "md5" => MD5.HashData(data),
        "sha384" => SHA384.HashData(data),
        "sha512" => SHA512.HashData(data),
        _ => throw new ArgumentException($"unknown hash algorithm '{algorithm}'", nameof(algorithm)),
    };
}
