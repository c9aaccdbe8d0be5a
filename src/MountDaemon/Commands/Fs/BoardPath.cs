namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// Board path arithmetic as mpremote does it (its joins decide the paths users see, e.g.
/// "Up to date: ./package/x.py"), plus the normalisation the rm -r mount guard needs.
/// </summary>
internal static class BoardPath
{
    /// <summary>mpremote's join: an empty base becomes "./"; the base loses trailing '/', each part its surrounding '/'.</summary>
    public static string Join(string directory, params IEnumerable<string> parts)
    {
        var result = (directory.Length == 0 ? "./" : directory).TrimEnd('/');
        foreach (var part in parts)
            result += "/" + part.Trim('/');
        return result;
    }

    /// <summary>
    /// Everything before the last '/', or "" when there is none; "/" for "/name" (mpremote gives "" there,
    /// which turns "cp -r :/lib" into a copy of the cwd's "lib").
    /// </summary>
    public static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : slash == 0 ? "/" : path[..slash];
    }

    /// <summary>Everything after the last '/'.</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>
    /// The absolute, normalised form of <paramref name="path"/> seen from <paramref name="currentDirectory"/>
    /// ("." and ".." resolved, repeated '/' collapsed; ".." above the root stays at the root).
    /// </summary>
    public static string Absolute(string currentDirectory, string path)
    {
        var full = path.StartsWith('/') ? path : currentDirectory + "/" + path;
        var parts = new List<string>();
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
                continue;
            if (part == "..")
            {
                if (parts.Count > 0)
                    parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>
    /// True when removing the tree at <paramref name="absolutePath"/> would touch <paramref name="mountPoint"/>:
    /// the path is the mount point, lies inside it, or contains it.
    /// </summary>
    public static bool Overlaps(string absolutePath, string mountPoint)
    {
        var mount = mountPoint.TrimEnd('/');
        if (mount.Length == 0 || absolutePath == "/")
            return true;
        return absolutePath == mount
            || absolutePath.StartsWith(mount + "/", StringComparison.Ordinal)
            || mount.StartsWith(absolutePath + "/", StringComparison.Ordinal);
    }

    /// <summary>Python's ordering of str (by code point), which tree's sort follows.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var left = a.EnumerateRunes();
        var right = b.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
                return hasLeft.CompareTo(hasRight);
            var order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
                return order;
        }
    }
}
