using System.Text;
using Mpyd.DeviceSim.Execution;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.FileSystem;

/// <summary>
/// The board's own storage ("/", "/lib", ...), in memory. It survives soft reboots, like flash.
/// With a capacity, writes that would exceed it fail with ENOSPC. Thread-safe.
/// </summary>
public sealed class FlashFileSystem
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<byte>> _files = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirs = new(StringComparer.Ordinal) { "/" };

    /// <param name="capacityBytes">Total bytes of file content it can hold; null = unlimited.</param>
    public FlashFileSystem(long? capacityBytes = null)
    {
        if (capacityBytes < 0)
            throw new ArgumentOutOfRangeException(nameof(capacityBytes));
        Capacity = capacityBytes;
    }

    /// <summary>Bytes of file content it can hold; null = unlimited.</summary>
    public long? Capacity { get; }

    /// <summary>Bytes of file content stored now.</summary>
    public long UsedBytes
    {
        get
        {
            lock (_gate)
                return _files.Values.Sum(f => (long)f.Count);
        }
    }

    /// <summary>Creates or replaces a file (parent directories are created). Throws IOException when full.</summary>
    public void WriteFile(string path, ReadOnlySpan<byte> content)
    {
        var p = Normalize(path, "/");
        lock (_gate)
        {
            CreateParents(p);
            var old = _files.TryGetValue(p, out var f) ? f.Count : 0;
            if (!Fits(content.Length - old))
                throw new IOException($"flash is full: cannot store {content.Length} bytes at {p}");
            _files[p] = [.. content];
        }
    }

    /// <summary>Creates or replaces a UTF-8 text file.</summary>
    public void WriteFile(string path, string text) => WriteFile(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Creates a directory and its parents.</summary>
    public void CreateDirectory(string path)
    {
        var p = Normalize(path, "/");
        lock (_gate)
        {
            CreateParents(p);
            _dirs.Add(p);
        }
    }

    /// <summary>A file's content, or null when there is no such file.</summary>
    public byte[]? ReadFile(string path)
    {
        var p = Normalize(path, "/");
        lock (_gate)
            return _files.TryGetValue(p, out var f) ? [.. f] : null;
    }

    /// <summary>True when a file exists at the path.</summary>
    public bool FileExists(string path)
    {
        lock (_gate)
            return _files.ContainsKey(Normalize(path, "/"));
    }

    /// <summary>True when a directory exists at the path.</summary>
    public bool DirectoryExists(string path)
    {
        lock (_gate)
            return _dirs.Contains(Normalize(path, "/"));
    }

    /// <summary>Names in a directory, sorted; empty when it does not exist.</summary>
    public IReadOnlyList<string> ListDirectory(string path)
    {
        var p = Normalize(path, "/");
        lock (_gate)
            return [.. Children(p).Select(c => c.Name).Order(StringComparer.Ordinal)];
    }

    // ---- used by the board's VFS layer (errors as OSError) ----

    internal static string Normalize(string path, string cwd)
    {
        if (!path.StartsWith('/'))
            path = cwd.TrimEnd('/') + "/" + path;
        var parts = new List<string>();
        foreach (var c in path.Split('/'))
        {
            if (c is "" or ".")
                continue;
            if (c == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(c);
            }
        }
        return "/" + string.Join('/', parts);
    }

    private static string Parent(string p) => p == "/" ? "/" : (p.LastIndexOf('/') == 0 ? "/" : p[..p.LastIndexOf('/')]);

    private void CreateParents(string p)
    {
        for (var d = Parent(p); d != "/"; d = Parent(d))
        {
            if (_files.ContainsKey(d))
                throw new IOException($"{d} is a file");
            _dirs.Add(d);
        }
    }

    private bool Fits(long delta) => Capacity is null || delta <= 0 || _files.Values.Sum(f => (long)f.Count) + delta <= Capacity;

    private IEnumerable<VfsEntry> Children(string dir)
    {
        var prefix = dir == "/" ? "/" : dir + "/";
        foreach (var d in _dirs)
            if (d != "/" && d.StartsWith(prefix, StringComparison.Ordinal) && d.IndexOf('/', prefix.Length) < 0)
                yield return new VfsEntry(d[prefix.Length..], 0x4000, 0);
        foreach (var (f, content) in _files)
            if (f.StartsWith(prefix, StringComparison.Ordinal) && f.IndexOf('/', prefix.Length) < 0)
                yield return new VfsEntry(f[prefix.Length..], 0x8000, (uint)content.Count);
    }

    internal VfsStat Stat(string p)
    {
        lock (_gate)
        {
            if (_dirs.Contains(p))
                return new VfsStat(0x4000, 0, 0, 0, 0);
            if (_files.TryGetValue(p, out var f))
                return new VfsStat(0x8000, (uint)f.Count, 0, 0, 0);
            throw PyException.OSError((int)Errno.ENOENT);
        }
    }

    internal VfsStatFs StatFs()
    {
        const uint block = 4096;
        lock (_gate)
        {
            var total = (uint)((Capacity ?? 2 * 1024 * 1024) / block);
            var used = (uint)((_files.Values.Sum(f => (long)f.Count) + block - 1) / block);
            var free = total > used ? total - used : 0;
            return new VfsStatFs(block, total, free, free, 255);
        }
    }

    internal IReadOnlyList<VfsEntry> List(string p)
    {
        lock (_gate)
        {
            if (_files.ContainsKey(p))
                throw PyException.OSError((int)Errno.ENOTDIR);
            if (!_dirs.Contains(p))
                throw PyException.OSError((int)Errno.ENOENT);
            return [.. Children(p).OrderBy(e => e.Name, StringComparer.Ordinal)];
        }
    }

    internal void MakeDir(string p)
    {
        lock (_gate)
        {
            if (_dirs.Contains(p) || _files.ContainsKey(p))
                throw PyException.OSError((int)Errno.EEXIST);
            if (!_dirs.Contains(Parent(p)))
                throw PyException.OSError((int)Errno.ENOENT);
            _dirs.Add(p);
        }
    }

    internal void RemoveDir(string p)
    {
        lock (_gate)
        {
            if (_files.ContainsKey(p))
                throw PyException.OSError((int)Errno.ENOTDIR);
            if (!_dirs.Contains(p) || p == "/")
                throw PyException.OSError(p == "/" ? (int)Errno.EPERM : (int)Errno.ENOENT);
            if (Children(p).Any())
                throw PyException.OSError((int)Errno.ENOTEMPTY);
            _dirs.Remove(p);
        }
    }

    internal void Remove(string p)
    {
        lock (_gate)
        {
            if (_dirs.Contains(p))
                throw PyException.OSError((int)Errno.EISDIR);
            if (!_files.Remove(p))
                throw PyException.OSError((int)Errno.ENOENT);
        }
    }

    internal void Rename(string from, string to)
    {
        lock (_gate)
        {
            if (!_dirs.Contains(Parent(to)))
                throw PyException.OSError((int)Errno.ENOENT);
            if (_files.Remove(from, out var content))
            {
                if (_dirs.Contains(to))
                {
                    _files[from] = content;
                    throw PyException.OSError((int)Errno.EISDIR);
                }
                _files[to] = content;
                return;
            }
            if (!_dirs.Contains(from) || from == "/")
                throw PyException.OSError((int)Errno.ENOENT);
            if (_dirs.Contains(to) || _files.ContainsKey(to))
                throw PyException.OSError((int)Errno.EEXIST);
            var prefix = from + "/";
            foreach (var d in _dirs.Where(d => d == from || d.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _dirs.Remove(d);
                _dirs.Add(to + d[from.Length..]);
            }
            foreach (var f in _files.Keys.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                _files.Remove(f, out var c);
                _files[to + f[from.Length..]] = c!;
            }
        }
    }

    /// <summary>Opens for the VFS: returns the live content list (shared with the file table).</summary>
    internal List<byte> Open(string p, char kind, bool create, bool truncate, bool exclusive)
    {
        lock (_gate)
        {
            if (_dirs.Contains(p))
                throw PyException.OSError((int)Errno.EISDIR);
            if (_files.TryGetValue(p, out var f))
            {
                if (exclusive)
                    throw PyException.OSError((int)Errno.EEXIST);
                if (truncate)
                    f.Clear();
                return f;
            }
            if (!create)
                throw PyException.OSError((int)Errno.ENOENT);
            if (!_dirs.Contains(Parent(p)))
                throw PyException.OSError((int)Errno.ENOENT);
            var created = new List<byte>();
            _files[p] = created;
            return created;
        }
    }

    /// <summary>Writes into an open file's content at a position, honouring the capacity.</summary>
    internal int WriteAt(List<byte> content, long position, byte[] data)
    {
        lock (_gate)
        {
            var growth = Math.Max(0, position + data.Length - content.Count);
            if (!Fits(growth))
                throw PyException.OSError((int)Errno.ENOSPC);
            while (content.Count < position)
                content.Add(0);
            for (var i = 0; i < data.Length; i++)
            {
                var at = (int)position + i;
                if (at < content.Count)
                    content[at] = data[i];
                else
                    content.Add(data[i]);
            }
            return data.Length;
        }
    }

    internal byte[] ReadAt(List<byte> content, long position, int count)
    {
        lock (_gate)
        {
            var available = (int)Math.Max(0, content.Count - position);
            var n = count < 0 ? available : Math.Min(count, available);
            return n == 0 ? [] : content.GetRange((int)position, n).ToArray();
        }
    }

    internal int LengthOf(List<byte> content)
    {
        lock (_gate)
            return content.Count;
    }
}
