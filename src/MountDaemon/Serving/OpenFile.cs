using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

/// <summary>
/// One slot of the fd table. Files opened for writing never touch their target until commit:
/// the board writes into a temp file beside it (".NAME.mpyd-XXXXXXXX.tmp"), which a commit renames
/// over the target and an abandon keeps as "NAME.mpyd-partial".
/// </summary>
internal sealed class OpenFile : IDisposable
{
    private const string PartialSuffix = ".mpyd-partial";

    private string? _tempPath;
    private readonly bool _commitWhenClean;
    private bool _dirty;
    private bool _finished;
    private bool _orphaned;

    private OpenFile(string boardPath, string targetPath, OpenMode mode, Stream stream, string? tempPath, bool commitWhenClean)
    {
        BoardPath = boardPath;
        TargetPath = targetPath;
        Mode = mode;
        Stream = stream;
        _tempPath = tempPath;
        _commitWhenClean = commitWhenClean;
    }

    public string BoardPath { get; }

    /// <summary>The real host path the data belongs to.</summary>
    public string TargetPath { get; private set; }

    public OpenMode Mode { get; }

    public Stream Stream { get; }

    /// <summary>True while written data waits in a staging file for commit.</summary>
    public bool IsPendingWrite => _tempPath is not null && !_finished && !_orphaned;

    /// <summary>The staging file (null for read-only files).</summary>
    public string? StagingPath => _tempPath;

    /// <summary>
    /// Opens read-only: the file at <paramref name="realPath"/>, or <paramref name="readFrom"/> (the
    /// staging file of a pending write), or <paramref name="content"/> (a virtual file).
    /// </summary>
    public static OpenFile OpenForRead(string boardPath, string realPath, OpenMode mode, byte[]? content = null, string? readFrom = null)
    {
        Stream stream = content is not null
            ? new MemoryStream(content, writable: false)
            : new FileStream(readFrom ?? realPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
        return new OpenFile(boardPath, realPath, mode, stream, null, commitWhenClean: false);
    }

    /// <summary>
    /// Opens for writing through a temp file; errno failures come back as <see cref="ErrnoException"/>.
    /// <paramref name="pendingStaging"/> is another fd's uncommitted data for the same target, which
    /// counts as the current content.
    /// </summary>
    public static OpenFile OpenForWrite(string boardPath, string realPath, OpenMode mode, string? pendingStaging = null)
    {
        var exists = File.Exists(realPath) || pendingStaging is not null;
        var copyFrom = pendingStaging ?? realPath;
        if (mode.Kind == OpenKind.Read && !exists)
            throw new ErrnoException(Errno.ENOENT);
        if (mode.Kind == OpenKind.Exclusive && (exists || Directory.Exists(realPath)))
            throw new ErrnoException(Errno.EEXIST);
        if (File.Exists(realPath))
        {
            // Fails with EACCES exactly when an in-place open for writing would; changes nothing.
            using var probe = new FileStream(realPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }

        var directory = Path.GetDirectoryName(realPath) ?? throw new ErrnoException(Errno.EINVAL);
        var name = Path.GetFileName(realPath);
        var (tempPath, stream) = CreateTemp(directory, name);
        try
        {
            if (exists && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(tempPath, File.GetUnixFileMode(copyFrom));
            if (exists && mode.Kind is OpenKind.Read or OpenKind.Append)
            {
                using (var original = new FileStream(copyFrom, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                    original.CopyTo(stream);
                stream.Flush();
                stream.Position = mode.Kind == OpenKind.Append ? stream.Length : 0;
            }
            var commitWhenClean = mode.Kind is OpenKind.Write or OpenKind.Exclusive || !exists;
            return new OpenFile(boardPath, realPath, mode, stream, tempPath, commitWhenClean);
        }
        catch
        {
            stream.Dispose();
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>Writes at the position (at the end for append modes) and flushes to the OS.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (Mode.Kind == OpenKind.Append)
            Stream.Seek(0, SeekOrigin.End);
        Stream.Write(data);
        Stream.Flush();
        _dirty = true;
    }

    /// <summary>The board renamed the target (or a directory above it, which moved the staging file too).</summary>
    public void Retarget(string newTarget, string? newStaging = null)
    {
        TargetPath = newTarget;
        if (newStaging is not null && _tempPath is not null)
            _tempPath = newStaging;
    }

    /// <summary>
    /// The board removed the target or renamed another file over it: like writes to an unlinked
    /// file, this fd's data will not appear anywhere.
    /// </summary>
    public void Orphan() => _orphaned = true;

    /// <summary>Makes the data visible under the target name. Returns the partial path if the rename failed.</summary>
    public string? Commit()
    {
        if (_finished)
            return null;
        _finished = true;
        if (_tempPath is null)
        {
            Stream.Dispose();
            return null;
        }
        if (_orphaned || (!_dirty && !_commitWhenClean))
        {
            Stream.Dispose();
            TryDelete(_tempPath);
            return null;
        }
        try
        {
            if (Stream is FileStream fs)
                fs.Flush(flushToDisk: true);
            Stream.Dispose();
            File.Move(_tempPath, TargetPath, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return KeepPartial();
        }
    }

    /// <summary>Leaves the target untouched; written data is kept as NAME.mpyd-partial (its path is returned).</summary>
    public string? Abandon()
    {
        if (_finished)
            return null;
        _finished = true;
        if (_tempPath is null)
        {
            Stream.Dispose();
            return null;
        }
        if (_orphaned || !_dirty)
        {
            Stream.Dispose();
            TryDelete(_tempPath);
            return null;
        }
        return KeepPartial();
    }

    public void Dispose() => Abandon();

    /// <summary>True for our own temp file names, which listings hide.</summary>
    public static bool IsTempName(string name) =>
        name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal) && name.Contains(".mpyd-", StringComparison.Ordinal);

    public static string PartialPathFor(string targetPath) => targetPath + PartialSuffix;

    private string? KeepPartial()
    {
        Stream.Dispose();
        var partial = PartialPathFor(TargetPath);
        try
        {
            File.Move(_tempPath!, partial, overwrite: true);
            return partial;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temp file itself still holds the data.
            return _tempPath;
        }
    }

    private static (string Path, FileStream Stream) CreateTemp(string directory, string name)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read | FileShare.Delete,
        };
        for (var attempt = 0; ; attempt++)
        {
            var path = Path.Join(directory, $".{name}.mpyd-{Random.Shared.Next():x8}.tmp");
            try
            {
                return (path, new FileStream(path, options));
            }
            catch (IOException) when (attempt < 8 && File.Exists(path))
            {
                // Name taken: draw another.
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temp file is hidden from listings and harmless.
        }
    }
}
