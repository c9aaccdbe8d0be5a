namespace Mpyd.Compiler.Cache;

/// <summary>Where the compile cache lives and how big it may grow.</summary>
public sealed class CompileCacheOptions
{
    public const long DefaultMaxDiskBytes = 100L * 1024 * 1024;

    /// <summary>Cache directory; null = <see cref="DefaultDirectory"/>.</summary>
    public string? Directory { get; set; }

    /// <summary>Keep entries on disk at all (false: memory only).</summary>
    public bool UseDisk { get; set; } = true;

    /// <summary>Disk entries beyond this total are evicted, least recently used first.</summary>
    public long MaxDiskBytes { get; set; } = DefaultMaxDiskBytes;

    /// <summary>Size limit of the in-memory layer.</summary>
    public long MaxMemoryBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// The per-user cache directory: $XDG_CACHE_HOME/mpyd/mpy, else ~/.cache/mpyd/mpy;
    /// on Windows %LOCALAPPDATA%\mpyd\mpy.
    /// </summary>
    public static string DefaultDirectory(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (OperatingSystem.IsWindows())
            return Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "mpyd", "mpy");
        var xdg = environment("XDG_CACHE_HOME");
        // The XDG spec says to ignore relative values.
        var baseDir = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Join(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Join(baseDir, "mpyd", "mpy");
    }

    /// <exception cref="ArgumentOutOfRangeException">A size limit is not positive.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDiskBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMemoryBytes);
    }
}
