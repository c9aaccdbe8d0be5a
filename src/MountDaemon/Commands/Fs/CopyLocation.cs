namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// One side of a cp: a board path (typed with a leading ':') or a host path (relative ones are
/// relative to <paramref name="HostDirectory"/>). Joins follow each side's rules.
/// </summary>
internal readonly record struct CopyLocation(bool OnBoard, string Path, string HostDirectory)
{
    /// <summary>The path as mpremote would show it: ':' and the board path, or the host path as given.</summary>
    public string Typed => OnBoard ? ":" + Path : Path;

    /// <summary>The absolute host path (host locations only).</summary>
    public string HostPath => Path.Length == 0 ? HostDirectory : System.IO.Path.GetFullPath(Path, HostDirectory);

    /// <summary>True when the path ends in a separator (which insists on a directory).</summary>
    public bool HasTrailingSlash => Path.Length > 0 && IsSeparator(Path[^1]);

    public string Name => OnBoard ? BoardPath.Name(Path) : System.IO.Path.GetFileName(Path);

    public CopyLocation Parent => WithPath(OnBoard ? BoardPath.Directory(Path) : System.IO.Path.GetDirectoryName(Path) ?? "");

    public static CopyLocation Parse(string typed, string hostDirectory) =>
        typed.StartsWith(':') ? new(true, typed[1..], hostDirectory) : new(false, typed, hostDirectory);

    /// <summary>The same location without trailing separators; the root stays the root (mpremote makes ":/" the cwd).</summary>
    public CopyLocation WithoutTrailingSlash()
    {
        var trimmed = Path;
        while (trimmed.Length > 0 && IsSeparator(trimmed[^1]))
            trimmed = trimmed[..^1];
        if (trimmed.Length == 0 && Path.Length > 0)
            trimmed = Path[..1];
        return WithPath(trimmed);
    }

    public CopyLocation Join(params IEnumerable<string> parts) =>
        WithPath(OnBoard ? BoardPath.Join(Path, parts) : System.IO.Path.Join([Path, .. parts]));

    public CopyLocation WithPath(string path) => this with { Path = path };

    private bool IsSeparator(char c) =>
        c == '/' || (!OnBoard && (c == System.IO.Path.DirectorySeparatorChar || c == System.IO.Path.AltDirectorySeparatorChar));
}
