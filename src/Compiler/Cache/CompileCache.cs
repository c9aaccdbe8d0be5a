using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mpyd.Compiler.Cache;

/// <summary>
/// Compiles through <see cref="IMpyCompiler"/> with a memory layer in front of a disk layer.
/// The key covers source path, size, mtime, compile options, compiler identity and source name;
/// every entry also records the SHA-256 of the source it was built from, and a hit is only taken
/// when that matches the source given now (an edit within one mtime tick with the same size is
/// therefore rebuilt). Failures are remembered in memory only.
/// </summary>
public sealed partial class CompileCache : IDisposable
{
    private readonly IMpyCompiler _compiler;
    private readonly MemoryCache _memory;
    private readonly DiskCacheStore? _disk;
    private readonly ILogger _logger;
    private long _memoryHits;
    private long _diskHits;
    private long _misses;
    private long _corrupt;

    public CompileCache(IMpyCompiler compiler, CompileCacheOptions options, ILogger<CompileCache>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(compiler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _compiler = compiler;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MaxMemoryBytes });
        if (options.UseDisk)
        {
            Directory = options.Directory ?? CompileCacheOptions.DefaultDirectory();
            _disk = new DiskCacheStore(Directory, options.MaxDiskBytes, timeProvider ?? TimeProvider.System);
        }
    }

    /// <summary>The disk cache directory, null when memory only.</summary>
    public string? Directory { get; }

    public IMpyCompiler Compiler => _compiler;

    public CompileCacheStatistics Statistics => new(
        Interlocked.Read(ref _memoryHits),
        Interlocked.Read(ref _diskHits),
        Interlocked.Read(ref _misses),
        _disk?.Evictions ?? 0,
        Interlocked.Read(ref _corrupt),
        _disk?.TotalBytes ?? 0);

    /// <summary>The compiled form of <paramref name="source"/>, from a cache layer when one holds it.</summary>
    /// <param name="sourcePath">Full host path of the source (part of the key).</param>
    /// <param name="source">The source bytes as read now.</param>
    /// <param name="metadata">Size and mtime of the source file.</param>
    /// <param name="sourceName">Name recorded in the .mpy (e.g. "pkg/mod.py").</param>
    public async ValueTask<CompileResult> GetOrCompileAsync(
        string sourcePath,
        ReadOnlyMemory<byte> source,
        FileMetadata metadata,
        string sourceName,
        CompileOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        var sourceHash = SHA256.HashData(source.Span);
        var key = KeyFor(sourcePath, metadata, sourceName, options);

        if (_memory.TryGetValue(key, out MemoryEntry? cached) && cached is not null && cached.SourceHash.AsSpan().SequenceEqual(sourceHash))
        {
            Interlocked.Increment(ref _memoryHits);
            return cached.Result;
        }

        if (_disk is not null && TryReadDisk(key, sourceHash) is { } fromDisk)
        {
            Interlocked.Increment(ref _diskHits);
            Remember(key, sourceHash, fromDisk);
            return fromDisk;
        }

        Interlocked.Increment(ref _misses);
        var result = await _compiler.CompileAsync(source, sourceName, options, cancellationToken).ConfigureAwait(false);
        Remember(key, sourceHash, result);
        if (result.Mpy is not null && _disk is not null)
        {
            try
            {
                _disk.Write(key, CacheEntryCodec.Encode(sourceHash, result.Mpy));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogDiskWriteFailed(_logger, sourcePath, ex.Message);
            }
        }
        return result;
    }

    public void Dispose() => _memory.Dispose();

    private CompileResult? TryReadDisk(string key, byte[] sourceHash)
    {
        byte[]? entry;
        try
        {
            entry = _disk!.TryRead(key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDiskReadFailed(_logger, key, ex.Message);
            return null;
        }
        if (entry is null)
            return null;
        if (!CacheEntryCodec.TryDecode(entry, out var storedHash, out var mpy))
        {
            Interlocked.Increment(ref _corrupt);
            LogCorruptEntry(_logger, _disk.PathFor(key));
            _disk.Delete(key);
            return null;
        }
        return storedHash.AsSpan().SequenceEqual(sourceHash) ? new CompileResult(mpy, []) : null;
    }

    private void Remember(string key, byte[] sourceHash, CompileResult result)
    {
        var size = (result.Mpy?.Length ?? 0) + 256L;
        _memory.Set(key, new MemoryEntry(sourceHash, result), new MemoryCacheEntryOptions { Size = size });
    }

    private string KeyFor(string sourcePath, FileMetadata metadata, string sourceName, CompileOptions options)
    {
        var text = string.Join('\0', sourcePath, metadata.Size, metadata.ModifiedTicks, options.CacheKeyPart, _compiler.Identity, sourceName);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record MemoryEntry(byte[] SourceHash, CompileResult Result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "compile cache entry {Path} was damaged; deleted and rebuilt")]
    private static partial void LogCorruptEntry(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "compile cache: could not store the result for {SourcePath}: {Reason}")]
    private static partial void LogDiskWriteFailed(ILogger logger, string sourcePath, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "compile cache: could not read entry {Key}: {Reason}")]
    private static partial void LogDiskReadFailed(ILogger logger, string key, string reason);
}
