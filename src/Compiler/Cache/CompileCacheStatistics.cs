namespace Mpyd.Compiler.Cache;

/// <summary>A snapshot of the cache counters since it was created.</summary>
/// <param name="MemoryHits">Answered from memory.</param>
/// <param name="DiskHits">Answered from the disk cache.</param>
/// <param name="Misses">Compiled (nothing cached, or the cached source differed).</param>
/// <param name="Evictions">Disk entries deleted to stay under the size limit.</param>
/// <param name="CorruptEntries">Disk entries that failed their checks and were deleted.</param>
/// <param name="DiskBytes">Bytes of entries on disk, as far as this process knows.</param>
public sealed record CompileCacheStatistics(long MemoryHits, long DiskHits, long Misses, long Evictions, long CorruptEntries, long DiskBytes);
