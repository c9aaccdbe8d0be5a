namespace Mpyd.MountDaemon.Commands.Devices;

/// <summary>
/// realpath(3) in managed code: sysfs is made of relative symlinks that are relative to the
/// directory they physically live in, so ".." must be applied after each link is followed,
/// never lexically. Works on any tree of real symlinks (tests build fake sysfs trees).
/// </summary>
internal static class SysfsLinks
{
    private const int MaxLinks = 40; // as Linux's limit on nested links (ELOOP)

    /// <summary>The physical path of <paramref name="path"/> (absolute), or null when a link loops.</summary>
    public static string? RealPath(string path)
    {
        var pending = new Stack<string>(Split(Path.GetFullPath(path)).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (resolved.Count > 0)
                    resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            resolved.Add(part);
            var target = LinkTarget("/" + string.Join('/', resolved));
            if (target is null)
                continue;
            if (++links > MaxLinks)
                return null;
            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/'))
                resolved.Clear();
            foreach (var p in Split(target).Reverse())
                pending.Push(p);
        }
        return "/" + string.Join('/', resolved);
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
