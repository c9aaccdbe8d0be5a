using Mpyd.Compiler;

namespace Mpyd.MountDaemon.Serving;

/// <summary>
/// How the file server offers compiled modules. The daemon fills this after reading the board's
/// <c>sys.implementation._mpy</c> (disabled when the board cannot load .mpy or its version differs).
/// </summary>
public sealed record AutoMpyOptions
{
    public static readonly AutoMpyOptions Disabled = new();

    /// <summary>Intercept imports at all.</summary>
    public bool Enabled { get; init; }

    /// <summary>Options handed to the compiler (optimisation level, architecture, small-int bits).</summary>
    public CompileOptions CompileOptions { get; init; } = CompileOptions.Default;

    /// <summary>Also write X.mpy beside X.py (atomically) and keep it up to date.</summary>
    public bool WriteMpy { get; init; }
}
