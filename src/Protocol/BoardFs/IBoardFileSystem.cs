namespace Mpyd.Protocol.BoardFs;

/// <summary>
/// The board's own filesystem as the fs commands and mip see it, reached through the raw REPL
/// (paths are board paths without the ':' marker; relative paths are relative to the board's cwd).
/// Every failure the board reports is a <see cref="BoardFsException"/> carrying the errno.
/// </summary>
public interface IBoardFileSystem
{
    /// <summary>The board's current directory (os.getcwd()).</summary>
    Task<string> GetCurrentDirectoryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Null when nothing exists at <paramref name="path"/> (ENOENT, or ENOTDIR for a path through a file).
    /// The entry's Name is the last component of <paramref name="path"/> ("/" for the root).
    /// </summary>
    Task<BoardEntry?> StatAsync(string path, CancellationToken cancellationToken);

    /// <summary>The entries of a directory in the board's order (os.ilistdir); Size is 0 where the board gives none.</summary>
    Task<IReadOnlyList<BoardEntry>> ListDirectoryAsync(string path, CancellationToken cancellationToken);

    Task MakeDirectoryAsync(string path, CancellationToken cancellationToken);

    Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken);

    Task RemoveFileAsync(string path, CancellationToken cancellationToken);

    /// <summary>Creates the file if missing (open in append mode and close), as touch does.</summary>
    Task TouchAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// The digest of a board file computed on the board with hashlib's <paramref name="algorithm"/>
    /// ("sha256", "sha1", "md5"); null when the board's hashlib lacks it (callers then download and hash).
    /// </summary>
    Task<byte[]?> HashAsync(string path, string algorithm, CancellationToken cancellationToken);

    /// <summary>
    /// Copies a board file's bytes into <paramref name="destination"/>; progress reports bytes done so far.
    /// A directory fails with EISDIR (21) on every port.
    /// </summary>
    Task ReadFileAsync(string path, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="length"/> bytes from <paramref name="source"/> to a board file, replacing it;
    /// progress reports bytes done so far. A directory fails with EISDIR (21); a missing parent with ENOENT (2).
    /// </summary>
    Task WriteFileAsync(string path, Stream source, long length, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>One row per mounted filesystem with a non-zero size (what df prints).</summary>
    Task<IReadOnlyList<BoardFsUsage>> GetUsageAsync(CancellationToken cancellationToken);
}
