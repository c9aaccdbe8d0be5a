using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpyd.Compiler;
using Mpyd.Compiler.Cache;

namespace Mpyd.MountDaemon.Serving;

/// <summary>
/// Auto-mpy: makes the board import compiled code without any board-side change. The board's
/// import probes X.py before X.mpy, so a STAT of a compilable X.py answers ENOENT and the STAT /
/// OPEN of X.mpy (absent on disk) serve the compiled bytes as a read-only virtual file.
/// Only STAT of X.py is hidden; OPEN and listings still show the source. A real X.mpy on disk is
/// never shadowed (X.py is then left alone too), except one this class wrote itself (WriteMpy).
/// A source that does not compile is served as is, its errors reported once per source version.
/// </summary>
public sealed partial class AutoMpyInterceptor
{
    private readonly CompileCache _cache;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, string> _reportedFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _writtenMpy = new(StringComparer.Ordinal);

    public AutoMpyInterceptor(AutoMpyOptions options, CompileCache cache, ILogger<AutoMpyInterceptor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cache);
        Options = options;
        _cache = cache;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Raised once per source version that fails to compile.</summary>
    public event EventHandler<CompileFailedEventArgs>? CompileFailed;

    public AutoMpyOptions Options { get; }

    /// <summary>Virtual .mpy: compiled bytes and the source's mtime.</summary>
    internal sealed record VirtualMpy(byte[] Bytes, DateTime ModifiedUtc);

    /// <summary>True when a STAT of <paramref name="py"/> should answer ENOENT (so the board imports the .mpy).</summary>
    internal async ValueTask<bool> ShouldHideSourceAsync(ResolvedPath py, ResolvedPath mpy, CancellationToken cancellationToken)
    {
        if (!Options.Enabled || !File.Exists(py.RealPath))
            return false;
        var mpyExists = File.Exists(mpy.RealPath) || Directory.Exists(mpy.RealPath);
        if (mpyExists && !Options.WriteMpy)
            return false;
        var compiled = await CompileAsync(py, cancellationToken).ConfigureAwait(false);
        if (compiled is null)
            return false;
        if (!Options.WriteMpy)
            return true;

        var onDisk = ReadIfFile(mpy.RealPath);
        if (mpyExists && onDisk is null)
            return false;
        if (onDisk is not null && onDisk.AsSpan().SequenceEqual(compiled.Bytes))
            return true;
        if (onDisk is not null && !IsOurs(mpy.RealPath, onDisk))
            return false;
        WriteMpyFile(mpy.RealPath, compiled.Bytes);
        return true;
    }

    /// <summary>The compiled bytes to serve for <paramref name="mpy"/>, or null when there is nothing to serve virtually.</summary>
    internal async ValueTask<VirtualMpy?> TryGetVirtualMpyAsync(ResolvedPath mpy, ResolvedPath py, CancellationToken cancellationToken)
    {
        if (!Options.Enabled || File.Exists(mpy.RealPath) || Directory.Exists(mpy.RealPath) || !File.Exists(py.RealPath))
            return null;
        return await CompileAsync(py, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<VirtualMpy?> CompileAsync(ResolvedPath py, CancellationToken cancellationToken)
    {
        var info = new FileInfo(py.RealPath);
        var metadata = FileMetadata.FromFile(info);
        var source = await File.ReadAllBytesAsync(py.RealPath, cancellationToken).ConfigureAwait(false);
        var result = await _cache.GetOrCompileAsync(
            py.RealPath, source, metadata, py.Relative, Options.CompileOptions, cancellationToken).ConfigureAwait(false);
        if (result.Mpy is not null)
        {
            _reportedFailures.TryRemove(py.RealPath, out _);
            return new VirtualMpy(result.Mpy, info.LastWriteTimeUtc);
        }
        ReportFailure(py, Convert.ToHexString(SHA256.HashData(source)), result.Diagnostics);
        return null;
    }

    private void ReportFailure(ResolvedPath py, string sourceHash, IReadOnlyList<CompileDiagnostic> diagnostics)
    {
        if (_reportedFailures.TryGetValue(py.RealPath, out var reported) && reported == sourceHash)
            return;
        _reportedFailures[py.RealPath] = sourceHash;
        var first = diagnostics.Count > 0 ? diagnostics[0].ToString() : $"{py.Relative}: compile failed";
        LogCompileFailed(_logger, py.Relative, first);
        CompileFailed?.Invoke(this, new CompileFailedEventArgs(py.RealPath, py.Relative, diagnostics));
    }

    private bool IsOurs(string mpyPath, byte[] onDisk) =>
        _writtenMpy.TryGetValue(mpyPath, out var hash) && hash == Convert.ToHexString(SHA256.HashData(onDisk));

    private void WriteMpyFile(string mpyPath, byte[] bytes)
    {
        var temp = Path.Join(Path.GetDirectoryName(mpyPath), $".{Path.GetFileName(mpyPath)}.mpyd-{Random.Shared.Next():x8}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, mpyPath, overwrite: true);
            _writtenMpy[mpyPath] = Convert.ToHexString(SHA256.HashData(bytes));
            LogMpyWritten(_logger, mpyPath, bytes.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Serving the virtual file still works; only the copy on disk is missing.
            LogMpyWriteFailed(_logger, mpyPath, ex.Message);
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Hidden from listings; harmless.
            }
        }
    }

    private static byte[]? ReadIfFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "auto-mpy: {SourceName} did not compile, serving the source: {Diagnostic}")]
    private static partial void LogCompileFailed(ILogger logger, string sourceName, string diagnostic);

    [LoggerMessage(Level = LogLevel.Debug, Message = "auto-mpy: wrote {MpyPath} ({Length} bytes)")]
    private static partial void LogMpyWritten(ILogger logger, string mpyPath, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "auto-mpy: could not write {MpyPath}: {Reason}")]
    private static partial void LogMpyWriteFailed(ILogger logger, string mpyPath, string reason);
}
