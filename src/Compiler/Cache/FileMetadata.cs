namespace Mpyd.Compiler.Cache;

/// <summary>What the cache key records about a source file besides its path.</summary>
/// <param name="Size">Length in bytes.</param>
/// <param name="ModifiedTicks">Last write time, UTC ticks.</param>
public readonly record struct FileMetadata(long Size, long ModifiedTicks)
{
    public static FileMetadata FromFile(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new FileMetadata(file.Length, file.LastWriteTimeUtc.Ticks);
    }
}
