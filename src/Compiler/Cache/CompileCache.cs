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
/// A source the compiler rejects only because it needs native emitters (<see cref="CompileResult.NeedsNativeEmitter"/>)
/// goes to the native-code compiler when one is given and the options name an architecture; that entry's key
/// carries the native-code compiler's identity.
/// </summary>
public sealed partial class CompileCache : IDisposable
{
    private readonly IMpyCompiler _compiler;
    private readonly IMpyCompiler? _nativeCodeCompiler;
    private readonly MemoryCache _memory;
    private readonly DiskCacheStore? _disk;
    private readonly ILogger _logger;
    private long _memoryHits;
    private long _diskHits;
    private long _misses;
    private long _corrupt;

    /// <param name="nativeCodeCompiler">Compiles what <paramref name="compiler"/> rejects for needing native emitters
    /// (an external mpy-cross); null: such sources fail, and callers serve them as source.</param>
    public CompileCache(IMpyCompiler compiler, CompileCacheOptions options, ILogger<CompileCache>? logger = null, TimeProvider? timeProvider = null,
        IMpyCompiler? nativeCodeCompiler = null)
    {
        ArgumentNullException.ThrowIfNull(compiler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _compiler = compiler;
        _nativeCodeCompiler = nativeCodeCompiler;
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

    /// <summary>The compiler for sources that need native emitters, or null.</summary>
    public IMpyCompiler? NativeCodeCompiler => _nativeCodeCompiler;

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
        var key = KeyFor(sourcePath, metadata, sourceName, options, _compiler);
        if (TryGetCached(key, sourceHash) is { } cached)
        {
            return cached;
        }

        Interlocked.Increment(ref _misses);
        var result = await _compiler.CompileAsync(source, sourceName, options, cancellationToken).ConfigureAwait(false);
        if (result.NeedsNativeEmitter)
        {
            result = await CompileNativeCodeAsync(sourcePath, source, sourceHash, metadata, sourceName, options, result, cancellationToken)
                .ConfigureAwait(false);
        }
        Remember(key, sourceHash, result);
        if (result.Mpy is not null && !result.NeedsNativeEmitter)
        {
            WriteDisk(key, sourcePath, sourceHash, result.Mpy);
        }
        return result;
    }

    private CompileResult? TryGetCached(string key, byte[] sourceHash)
    {
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
        return null;
    }

    /// <summary>
    /// The native-code compiler's result for a source the main compiler rejected for its native code, cached under
    /// that compiler's identity. It keeps NeedsNativeEmitter set, so the bytes are not stored under the main key.
    /// </summary>
    private async ValueTask<CompileResult> CompileNativeCodeAsync(string sourcePath, ReadOnlyMemory<byte> source, byte[] sourceHash,
        FileMetadata metadata, string sourceName, CompileOptions options, CompileResult rejected, CancellationToken cancellationToken)
    {
        if (_nativeCodeCompiler is null || options.Architecture is null)
        {
            string why = _nativeCodeCompiler is null
                ? "no external mpy-cross is available to compile native code"
                : "the target has no native architecture, so native code cannot be compiled for it";
            int line = rejected.Diagnostics.Count > 0 ? rejected.Diagnostics[0].Line : 0;
            return rejected with { Diagnostics = [.. rejected.Diagnostics, new CompileDiagnostic(sourceName, line, "Note", why)] };
        }
        var key = KeyFor(sourcePath, metadata, sourceName, options, _nativeCodeCompiler);
        if (TryGetCached(key, sourceHash) is { } cached)
        {
            return cached.Mpy is null ? cached : cached with { NeedsNativeEmitter = true };
        }
        var result = await _nativeCodeCompiler.CompileAsync(source, sourceName, options, cancellationToken).ConfigureAwait(false);
        LogNativeCodeCompiled(_logger, sourcePath, _nativeCodeCompiler.Identity, result.Success);
        if (result.Mpy is null)
        {
            // Both failed: the main compiler's explanation first, then what the native-code compiler said.
            result = rejected with { Diagnostics = [.. rejected.Diagnostics, .. result.Diagnostics] };
            Remember(key, sourceHash, result);
            return result;
        }
        Remember(key, sourceHash, result);
        WriteDisk(key, sourcePath, sourceHash, result.Mpy);
        return result with { NeedsNativeEmitter = true };
    }

    private void WriteDisk(string key, string sourcePath, byte[] sourceHash, byte[] mpy)
    {
        if (_disk is null)
        {
            return;
        }
        try
        {
            _disk.Write(key, CacheEntryCodec.Encode(sourceHash, mpy));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDiskWriteFailed(_logger, sourcePath, ex.Message);
        }
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

    private static string KeyFor(string sourcePath, FileMetadata metadata, string sourceName, CompileOptions options, IMpyCompiler compiler)
    {
        var text = string.Join('\0', sourcePath, metadata.Size, metadata.ModifiedTicks, options.CacheKeyPart, compiler.Identity, sourceName);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record MemoryEntry(byte[] SourceHash, CompileResult Result);

    [LoggerMessage(Level = LogLevel.Information, Message = "compile cache: {SourcePath} needs native code; compiled by {Compiler}: {Success}")]
    private static partial void LogNativeCodeCompiled(ILogger logger, string sourcePath, string compiler, bool success);

    [LoggerMessage(Level = LogLevel.Warning, Message = "compile cache entry {Path} was damaged; deleted and rebuilt")]
    private static partial void LogCorruptEntry(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "compile cache: could not store the result for {SourcePath}: {Reason}")]
    private static partial void LogDiskWriteFailed(ILogger logger, string sourcePath, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "compile cache: could not read entry {Key}: {Reason}")]
    private static partial void LogDiskReadFailed(ILogger logger, string key, string reason);
}
