using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

// Requests that act on paths: STAT, listings, STATFS, REMOVE, RENAME, MKDIR, RMDIR.
public sealed partial class FileServer
{
    private const uint TypeDirectory = 0x4000;
    private const uint TypeFile = 0x8000;
    private const int MaxListings = 64;

    // ListDirStart/Next: a stack of listings instead of mpremote's single slot. NEXT serves the
    // most recent listing and drops it when exhausted, so an inner listing that is read to the end
    // hands back to the outer one; a new START for a path already listed replaces that listing.
    private readonly List<(string Path, Queue<ListDirEntryReply> Remaining)> _listings = [];

    private async ValueTask<RemoteFsReply> StatAsync(StatRequest request, CancellationToken cancellationToken)
    {
        var path = Resolve(request.Path);
        var autoMpy = _autoMpy;
        if (autoMpy is not null && !path.IsRoot)
        {
            if (path.Relative.EndsWith(".py", StringComparison.Ordinal)
                && TrySibling(path, ".py", ".mpy") is { } mpy
                && await autoMpy.ShouldHideSourceAsync(path, mpy, cancellationToken).ConfigureAwait(false))
                return RemoteFsReply.Error(Errno.ENOENT);
            if (path.Relative.EndsWith(".mpy", StringComparison.Ordinal)
                && TrySibling(path, ".mpy", ".py") is { } py
                && await autoMpy.TryGetVirtualMpyAsync(path, py, cancellationToken).ConfigureAwait(false) is { } compiled)
            {
                var seconds = UnixSeconds(compiled.ModifiedUtc);
                return new StatReply(TypeFile | 0x124, (uint)compiled.Bytes.Length, seconds, seconds, seconds);
            }
        }
        return StatHost(PendingWrite(path.RealPath)?.StagingPath ?? path.RealPath);
    }

    /// <summary>X.py ↔ X.mpy beside it, through the jail again.</summary>
    private ResolvedPath? TrySibling(ResolvedPath path, string suffix, string replacement) =>
        _root.TryResolve("/" + path.Relative[..^suffix.Length] + replacement, out var sibling, out _) ? sibling : null;

    private static RemoteFsReply StatHost(string realPath)
    {
        FileSystemInfo info = Directory.Exists(realPath) ? new DirectoryInfo(realPath) : new FileInfo(realPath);
        if (!info.Exists)
            return RemoteFsReply.Error(Errno.ENOENT);
        var isDirectory = info is DirectoryInfo;
        var size = info is FileInfo file ? Clamp(file.Length) : 0;
        return new StatReply(
            (isDirectory ? TypeDirectory : TypeFile) | Permissions(info, isDirectory),
            size,
            UnixSeconds(info.LastAccessTimeUtc),
            UnixSeconds(info.LastWriteTimeUtc),
            UnixSeconds(info.CreationTimeUtc));
    }

    private static uint Permissions(FileSystemInfo info, bool isDirectory)
    {
        if (!OperatingSystem.IsWindows())
            return (uint)info.UnixFileMode & 0xFFF;
        var readOnly = info.Attributes.HasFlag(FileAttributes.ReadOnly);
        return isDirectory ? 0x1FFu : readOnly ? 0x124u : 0x1B6u;
    }

    private RemoteFsReply ListDirStart(ListDirStartRequest request)
    {
        var path = Resolve(request.Path);
        var entries = new Queue<ListDirEntryReply>(List(path).Select(e => new ListDirEntryReply(e.Name, e.Type)));
        _listings.RemoveAll(l => l.Path == path.RealPath);
        if (_listings.Count >= MaxListings)
            _listings.RemoveAt(0);
        _listings.Add((path.RealPath, entries));
        return new StatusReply(0);
    }

    private RemoteFsReply ListDirNext()
    {
        if (_listings.Count == 0)
            return new ListDirEntryReply("", 0);
        var (_, remaining) = _listings[^1];
        if (remaining.TryDequeue(out var entry))
            return entry;
        _listings.RemoveAt(_listings.Count - 1);
        return new ListDirEntryReply("", 0);
    }

    private RemoteFsReply ListDir(ListDirRequest request) => new ListDirReply(List(Resolve(request.Path)));

    /// <summary>Every entry with type and size, sorted by ordinal name; our temp files are hidden.</summary>
    private List<DirEntry> List(ResolvedPath path)
    {
        if (File.Exists(path.RealPath))
            throw new ErrnoException(Errno.ENOTDIR);
        if (!Directory.Exists(path.RealPath))
            throw new ErrnoException(Errno.ENOENT);
        var entries = new List<DirEntry>();
        foreach (var info in new DirectoryInfo(path.RealPath).EnumerateFileSystemInfos())
        {
            if (OpenFile.IsTempName(info.Name))
                continue;
            entries.Add(Describe(info));
        }
        foreach (var pending in _files.All().Where(f => f.IsPendingWrite))
        {
            if (!string.Equals(Path.GetDirectoryName(pending.TargetPath), path.RealPath, StringComparison.Ordinal))
                continue;
            var name = Path.GetFileName(pending.TargetPath);
            entries.RemoveAll(e => e.Name == name);
            entries.Add(new DirEntry(name, TypeFile, Clamp(pending.Stream.Length)));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    // Links are followed when their target stays inside the root (or with unsafe links), so a
    // symlinked directory is listed as a directory; others are listed as size-0 files.
    private DirEntry Describe(FileSystemInfo info)
    {
        var target = info.FullName;
        if (info.LinkTarget is not null)
        {
            if (!MountRoot.TryRealPath(info.FullName, out var real) || (!_root.UnsafeLinks && !_root.IsInside(real)))
                return new DirEntry(info.Name, TypeFile, 0);
            target = real;
        }
        if (Directory.Exists(target))
            return new DirEntry(info.Name, TypeDirectory, 0);
        var file = new FileInfo(target);
        return new DirEntry(info.Name, TypeFile, file.Exists ? Clamp(file.Length) : 0);
    }

    private RemoteFsReply StatFs(StatFsRequest request)
    {
        var path = Resolve(request.Path);
        if (!Directory.Exists(path.RealPath) && !File.Exists(path.RealPath))
            throw new ErrnoException(Errno.ENOENT);
        var drive = new DriveInfo(_root.RootPath);
        const uint blockSize = 4096;
        return new StatFsReply(
            blockSize,
            Clamp(drive.TotalSize / blockSize),
            Clamp(drive.TotalFreeSpace / blockSize),
            Clamp(drive.AvailableFreeSpace / blockSize),
            255);
    }

    private RemoteFsReply Remove(RemoveRequest request)
    {
        var path = Resolve(request.Path);
        var host = path.HostPath;
        var isLink = new FileInfo(host).LinkTarget is not null;
        var pending = isLink ? [] : PendingWrites(path.RealPath);
        if (!isLink)
        {
            if (Directory.Exists(host))
                throw new ErrnoException(Errno.EISDIR);
            if (!File.Exists(host) && pending.Count == 0)
                throw new ErrnoException(Errno.ENOENT);
        }
        if (File.Exists(host) || isLink)
            File.Delete(host);
        foreach (var file in pending)
            file.Orphan();
        return new StatusReply(0);
    }

    private RemoteFsReply Rename(RenameRequest request)
    {
        var from = Resolve(request.From);
        var to = Resolve(request.To);
        if (from.IsRoot || to.IsRoot)
            throw new ErrnoException(Errno.EBUSY);
        var source = from.HostPath;
        var target = to.HostPath;
        var sourceIsLink = new FileInfo(source).LinkTarget is not null;
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            var exists = sourceIsLink || Path.Exists(source) || PendingWrites(from.RealPath).Count > 0;
            return exists ? new StatusReply(0) : RemoteFsReply.Error(Errno.ENOENT);
        }
        if (!sourceIsLink && Directory.Exists(source))
        {
            if (File.Exists(target))
                throw new ErrnoException(Errno.ENOTDIR);
            if (Directory.Exists(target))
            {
                // POSIX rename replaces an empty directory.
                if (Directory.EnumerateFileSystemEntries(target).Any())
                    throw new ErrnoException(Errno.ENOTEMPTY);
                Directory.Delete(target);
            }
            Directory.Move(source, target);
            RetargetBelow(from.RealPath, to.RealPath);
            return new StatusReply(0);
        }
        var pending = sourceIsLink ? [] : PendingWrites(from.RealPath);
        if (!sourceIsLink && !File.Exists(source) && pending.Count == 0)
            throw new ErrnoException(Errno.ENOENT);
        if (Directory.Exists(target) && new FileInfo(target).LinkTarget is null)
            throw new ErrnoException(Errno.EISDIR);
        if (sourceIsLink || File.Exists(source))
            File.Move(source, target, overwrite: true);
        // Uncommitted writes follow their file; writes to the file replaced here are lost, as on POSIX.
        foreach (var file in PendingWrites(to.RealPath))
            file.Orphan();
        foreach (var file in pending)
            file.Retarget(to.RealPath);
        return new StatusReply(0);
    }

    private List<OpenFile> PendingWrites(string realPath) =>
        [.. _files.All().Where(f => f.IsPendingWrite && string.Equals(f.TargetPath, realPath, StringComparison.Ordinal))];

    // Staging files live beside their targets, so they moved with the directory.
    private void RetargetBelow(string fromDirectory, string toDirectory)
    {
        var prefix = fromDirectory + Path.DirectorySeparatorChar;
        foreach (var file in _files.All().Where(f => f.IsPendingWrite && f.TargetPath.StartsWith(prefix, StringComparison.Ordinal)))
        {
            file.Retarget(
                toDirectory + file.TargetPath[fromDirectory.Length..],
                toDirectory + file.StagingPath![fromDirectory.Length..]);
        }
    }

    private RemoteFsReply MakeDir(MakeDirRequest request)
    {
        var path = Resolve(request.Path);
        var real = path.RealPath;
        if (path.IsRoot || Directory.Exists(real) || File.Exists(real) || new FileInfo(path.HostPath).LinkTarget is not null)
            throw new ErrnoException(Errno.EEXIST);
        var parent = Path.GetDirectoryName(real);
        if (parent is null || !Directory.Exists(parent))
            throw new ErrnoException(parent is not null && File.Exists(parent) ? Errno.ENOTDIR : Errno.ENOENT);
        Directory.CreateDirectory(real);
        return new StatusReply(0);
    }

    private RemoteFsReply RemoveDir(RemoveDirRequest request)
    {
        var path = Resolve(request.Path);
        if (path.IsRoot)
            throw new ErrnoException(Errno.EBUSY);
        var host = path.HostPath;
        if (new FileInfo(host).LinkTarget is not null || File.Exists(host))
            throw new ErrnoException(Errno.ENOTDIR);
        if (!Directory.Exists(host))
            throw new ErrnoException(Errno.ENOENT);
        if (Directory.EnumerateFileSystemEntries(host).Any())
            throw new ErrnoException(Errno.ENOTEMPTY);
        Directory.Delete(host);
        return new StatusReply(0);
    }

    private static uint Clamp(long value) => value <= 0 ? 0 : value >= uint.MaxValue ? uint.MaxValue : (uint)value;

    /// <summary>Whole seconds since 1970 UTC, clamped to u32 (times before 1970 become 0).</summary>
    internal static uint UnixSeconds(DateTime utc) => Clamp(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds());
}
