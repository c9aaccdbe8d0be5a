using Mpyd.Compiler;
using Mpyd.Compiler.External;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Chooses the compiler behind auto-mpy: an mpy-cross named in the settings (MPYD_MPY_CROSS),
/// else the native compiler, else an mpy-cross found on PATH. Decided once, on first use.
/// </summary>
internal sealed class CompilerProvider(MountSettings settings, Func<IMpyCompiler?>? nativeCompiler = null)
{
    /// <summary>The .mpy major version our compilers produce.</summary>
    public const int MpyVersion = 6;

    private readonly Lazy<IMpyCompiler?> _compiler = new(() =>
        settings.MpyCross is { Length: > 0 } path
            ? ExternalMpyCross.TryFind(path)
            : nativeCompiler?.Invoke() ?? ExternalMpyCross.TryFind(null));

    public IMpyCompiler? Get() => _compiler.Value;
}
