namespace Mpyd.Compiler;

/// <summary>
/// Turns MicroPython source into .mpy bytes. Pure as far as callers can tell: source in,
/// bytes and diagnostics out. Implementations: the native compiler, an external mpy-cross.
/// </summary>
public interface IMpyCompiler
{
    /// <summary>Name and version, e.g. "mpyd-native 0.1.0" or "mpy-cross v1.28.0"; part of every cache key.</summary>
    string Identity { get; }

    /// <summary>Compiles UTF-8 source; <paramref name="sourceName"/> is the file name recorded in the .mpy (mpy-cross -s).</summary>
    ValueTask<CompileResult> CompileAsync(ReadOnlyMemory<byte> source, string sourceName, CompileOptions options, CancellationToken cancellationToken);
}
