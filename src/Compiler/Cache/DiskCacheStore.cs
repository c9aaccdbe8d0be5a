namespace Mpyd.Compiler.Cache;

/// <summary>
/// The disk layer: one file per key, written atomically (temp + rename), total size kept under a
/// limit by deleting the least recently used entries. Recency is the file's last write time,
/// which a hit refreshes, so it survives restarts; an in-process index avoids rescanning.
/// </summary>
internal sealed class DiskCacheStore
{
    private const string EntryExtension = ".mpyc";

    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Dictionary<string, (long Size, DateTime LastUse)>? _index;
    private long _totalBytes;

    public DiskCacheStore(string directory, long maxBytes, TimeProvider time)
    {
        _directory = directory;
        _maxBytes = maxBytes;
        _time = time;
        CreatePrivateDirectory(directory);
    }

    public long Evictions { get; private set; }

    public long TotalBytes
    {
        get
        {
            lock (_gate)
                return _index is null ? 0 : _totalBytes;
        }
    }

    public string PathFor(string key) => Path.Join(_directory, key + EntryExtension);

    /// <summary>The entry's bytes, or null when absent; a hit counts as a use.</summary>
    public byte[]? TryRead(string key)
    {
        var path = PathFor(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        Touch(key, path, bytes.Length);
        return bytes;
    }

    public void Delete(string key)
    {
        lock (_gate)
        {
            TryDeleteFile(PathFor(key));
            if (EnsureIndex().Remove(key, out var old))
                _totalBytes -= old.Size;
        }
    }

    /// <summary>Writes atomically, then evicts older entries while over the limit.</summary>
    public void Write(string key, byte[] entry)
    {
        if (entry.Length > _maxBytes)
            return;
        var path = PathFor(key);
        var temp = Path.Join(_directory, $".{key}.{Random.Shared.Next():x8}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temp, options))
                stream.Write(entry);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDeleteFile(temp);
            throw;
        }
        Touch(key, path, entry.Length);
        Evict(except: key);
    }

    private void Touch(string key, string path, long size)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        try
        {
            File.SetLastWriteTimeUtc(path, now);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Recency is advisory; a read-only entry still serves.
        }
        lock (_gate)
        {
            var index = EnsureIndex();
            if (index.Remove(key, out var old))
                _totalBytes -= old.Size;
            index[key] = (size, now);
            _totalBytes += size;
        }
    }

    private void Evict(string except)
    {
        lock (_gate)
        {
            if (_totalBytes <= _maxBytes)
                return;
            var index = EnsureIndex();
            var oldestFirst = index
                .Where(e => e.Key != except)
                .OrderBy(e => e.Value.LastUse)
                .ThenBy(e => e.Key, StringComparer.Ordinal)
                .ToList();
            foreach (var (key, (size, _)) in oldestFirst)
            {
                if (_totalBytes <= _maxBytes)
                    break;
                TryDeleteFile(PathFor(key));
                index.Remove(key);
                _totalBytes -= size;
                Evictions++;
            }
        }
    }

    // Called under _gate.
    private Dictionary<string, (long Size, DateTime LastUse)> EnsureIndex()
    {
        if (_index is not null)
            return _index;
        _index = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        _totalBytes = 0;
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*" + EntryExtension))
        {
            _index[Path.GetFileNameWithoutExtension(file.Name)] = (file.Length, file.LastWriteTimeUtc);
            _totalBytes += file.Length;
        }
        return _index;
    }

    // Every directory this creates (e.g. both "mpyd" and "mpy") is 0700: entries reveal what the
    // user compiles. Existing directories are left as they are.
    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        var missing = new Stack<string>();
        for (var dir = Path.GetFullPath(directory); dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
            missing.Push(dir);
        while (missing.TryPop(out var dir))
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another process may hold or have removed it; the index forgets it either way.
        }
    }
}
