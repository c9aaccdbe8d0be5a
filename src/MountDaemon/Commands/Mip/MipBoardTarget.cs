using System.Security.Cryptography;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Commands.Fs;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>
/// The board side of an install: whether a file is already there with the expected hash, and writing
/// a file after creating its missing parent directories one level at a time. Board refusals
/// (ENOSPC, ENOTDIR, ...) become <see cref="CommandException"/>s naming the path. Writes show the
/// copy progress bar on a terminal, as mpremote's do.
/// </summary>
internal sealed class MipBoardTarget(IBoardFileSystem board, IBoardConsole console)
{
    // Directories known to exist, so a package's files do not stat the same parents again.
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="path"/> is a file whose SHA-256 starts with <paramref name="shortHash"/>.</summary>
    public async Task<bool> MatchesAsync(string path, string shortHash, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await board.StatAsync(path, cancellationToken).ConfigureAwait(false);
            if (entry is null || entry.IsDirectory)
                return false;
            var digest = await board.HashAsync(path, "sha256", cancellationToken).ConfigureAwait(false);
            if (digest is null)
            {
                // The board's hashlib lacks sha256: hash its bytes here.
                using var copy = new MemoryStream();
                await board.ReadFileAsync(path, copy, null, cancellationToken).ConfigureAwait(false);
                digest = SHA256.HashData(copy.GetBuffer().AsSpan(0, (int)copy.Length));
            }
            return MipHash.Matches(digest, shortHash);
        }
        catch (BoardFsException e)
        {
            throw Failed("could not check", path, e);
        }
    }

    /// <summary>Creates the missing parents of <paramref name="path"/>, then writes <paramref name="data"/> to it.</summary>
    public async Task WriteAsync(string path, byte[] data, CancellationToken cancellationToken)
    {
        await EnsureParentsAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            using var source = new MemoryStream(data, writable: false);
            await board.WriteFileAsync(path, source, data.Length, ProgressBar.For(console, data.Length), cancellationToken).ConfigureAwait(false);
        }
        catch (BoardFsException e)
        {
            throw Failed("could not write", path, e);
        }
    }

    private async Task EnsureParentsAsync(string path, CancellationToken cancellationToken)
    {
        var slash = path.IndexOf('/', 1);
        while (slash > 0)
        {
            var parent = path[..slash];
            slash = path.IndexOf('/', slash + 1);
            if (_directories.Contains(parent))
                continue;
            try
            {
                var entry = await board.StatAsync(parent, cancellationToken).ConfigureAwait(false);
                if (entry is null)
                    await board.MakeDirectoryAsync(parent, cancellationToken).ConfigureAwait(false);
                else if (!entry.IsDirectory)
                    throw new CommandException($"could not create {parent}: a file is in the way");
            }
            catch (BoardFsException e)
            {
                throw Failed("could not create", parent, e);
            }
            _directories.Add(parent);
        }
    }

    // The board's message usually starts with the path already ("/lib/x.py: OSError: 28 (on sim)");
    // a full filesystem is said in words, as boards often print the bare number.
    private static CommandException Failed(string what, string path, BoardFsException e)
    {
        var message = e.Path is { Length: > 0 } ? $"{what} {e.Message}" : $"{what} {path}: {e.Message}";
        return new(e.Errno == 28 ? message + " (no space left on the board)" : message);
    }
}
