using System.Diagnostics.CodeAnalysis;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

/// <summary>
/// The jail: turns a board path ("/a/b.py", absolute within the mount) into a host path inside
/// the mounted directory, or an errno. Rules:
/// <list type="bullet">
/// <item>NUL or U+FFFD (undecodable UTF-8) in the path → EINVAL; on Windows also '\' and ':'.</item>
/// <item>"." and empty components are dropped; ".." removes the previous component. A ".." that
/// would climb above the root is refused with EPERM (we do not apply POSIX "/.. = /": a board
/// that sends it is not our board program, which normalises, so it is treated as an escape attempt).</item>
/// <item>Safe links (default): the path with every symlink followed, at every component and also
/// for dangling links, must be the root or lie below the root's real path, else EPERM.</item>
/// <item>Unsafe links: only the lexical rule applies; links may point anywhere.</item>
/// </list>
/// The check and the later file operation are separate system calls, so a link swapped in
/// between by another local process is not caught; the jail protects against the board, not
/// against local users who can already write into the directory.
/// </summary>
public sealed class MountRoot
{
    private const int MaxLinkHops = 40;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>Creates the jail for <paramref name="directory"/>, which must exist.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public MountRoot(string directory, bool unsafeLinks = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (!TryRealPath(full, out var real) || !Directory.Exists(real))
            throw new DirectoryNotFoundException($"mount directory not found: {directory}");
        RootPath = real;
        UnsafeLinks = unsafeLinks;
    }

    /// <summary>The full real path of the mounted directory (symlinks resolved).</summary>
    public string RootPath { get; }

    public bool UnsafeLinks { get; }

    /// <summary>Resolves a board path; false with <paramref name="error"/> set when the jail refuses it.</summary>
    public bool TryResolve(string boardPath, [NotNullWhen(true)] out ResolvedPath? resolved, out Errno error)
    {
        ArgumentNullException.ThrowIfNull(boardPath);
        resolved = null;
        if (!TryNormalise(boardPath, out var relative, out error))
            return false;

        var host = relative.Length == 0
            ? RootPath
            : Path.Join(RootPath, relative.Replace('/', Path.DirectorySeparatorChar));
        if (!TryRealPath(host, out var real))
        {
            error = Errno.ELOOP;
            return false;
        }
        if (!UnsafeLinks && !IsInside(real))
        {
            error = Errno.EPERM;
            return false;
        }
        resolved = new ResolvedPath(boardPath, relative, host, real);
        error = 0;
        return true;
    }

    /// <summary>True when <paramref name="realPath"/> is the root or below it.</summary>
    public bool IsInside(string realPath)
    {
        ArgumentNullException.ThrowIfNull(realPath);
        if (realPath.Equals(RootPath, PathComparison))
            return true;
        var prefix = RootPath.EndsWith(Path.DirectorySeparatorChar) ? RootPath : RootPath + Path.DirectorySeparatorChar;
        return realPath.StartsWith(prefix, PathComparison);
    }

    /// <summary>Follows every symlink of an absolute path; false after too many hops (a loop).</summary>
    public static bool TryRealPath(string absolutePath, [NotNullWhen(true)] out string? real)
    {
        ArgumentNullException.ThrowIfNull(absolutePath);
        var root = Path.GetPathRoot(absolutePath) ?? "/";
        var pending = new Stack<string>();
        PushComponents(pending, absolutePath[root.Length..]);
        var current = root;
        var hops = 0;
        real = null;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part.Length == 0 || part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var candidate = Path.Join(current, part);
            var target = ReadLink(candidate);
            if (target is null)
            {
                current = candidate;
                continue;
            }
            if (++hops > MaxLinkHops)
                return false;
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }
            PushComponents(pending, target);
        }
        real = current;
        return true;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var parts = path.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
            pending.Push(parts[i]);
    }

    // The link's own target text, also for dangling links; null when not a link or absent.
    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool TryNormalise(string boardPath, out string relative, out Errno error)
    {
        relative = "";
        if (boardPath.Contains('\0') || boardPath.Contains('\uFFFD')
            || (OperatingSystem.IsWindows() && (boardPath.Contains('\\') || boardPath.Contains(':'))))
        {
            error = Errno.EINVAL;
            return false;
        }
        var parts = new List<string>();
        foreach (var part in boardPath.Split('/'))
        {
            if (part.Length == 0 || part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    error = Errno.EPERM;
                    return false;
                }
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        relative = string.Join('/', parts);
        error = 0;
        return true;
    }
}
