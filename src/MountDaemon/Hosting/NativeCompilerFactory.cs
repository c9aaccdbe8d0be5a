using Mpyd.Compiler;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>The in-process compiler, when it is built in.</summary>
internal static class NativeCompilerFactory
{
    public static IMpyCompiler? Create() => new NativeMpyCompiler();
}
