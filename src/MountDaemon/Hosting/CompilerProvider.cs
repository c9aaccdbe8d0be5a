using Mpyd.Compiler;
using Mpyd.Compiler.External;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Chooses the compiler behind auto-mpy: an mpy-cross named in the settings (MPYD_MPY_CROSS),
/// else the native compiler, else an mpy-cross found on PATH. Decided once, on first use.
/// With the native compiler in front, an mpy-cross on PATH also compiles the sources it rejects
/// for native code (@micropython.native, viper, inline assembler).
/// </summary>
internal sealed class CompilerProvider
{
    /// <summary>The .mpy major version our compilers produce.</summary>
    public const int MpyVersion = 6;

    private readonly Lazy<IMpyCompiler?> _compiler;
    private readonly Lazy<IMpyCompiler?> _nativeCodeCompiler;

    /// <param name="findOnPath">Looks up mpy-cross on PATH (tests give their own).</param>
    public CompilerProvider(MountSettings settings, Func<IMpyCompiler?>? nativeCompiler = null, Func<IMpyCompiler?>? findOnPath = null)
    {
        findOnPath ??= () => ExternalMpyCross.TryFind(null);
        _compiler = new(() =>
            settings.MpyCross is { Length: > 0 } path
                ? ExternalMpyCross.TryFind(path)
                : nativeCompiler?.Invoke() ?? findOnPath());
        // A configured or PATH mpy-cross in front compiles native code itself; only the native compiler needs help.
        _nativeCodeCompiler = new(() =>
            settings.MpyCross is not { Length: > 0 } && _compiler.Value is { } main && main is not ExternalMpyCross ? findOnPath() : null);
    }

    public IMpyCompiler? Get() => _compiler.Value;

    /// <summary>The compiler for sources the main one rejects for native code, or null when there is none (or no need).</summary>
    public IMpyCompiler? GetNativeCodeCompiler() => _nativeCodeCompiler.Value;
}
