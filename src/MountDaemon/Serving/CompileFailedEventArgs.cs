using Mpyd.Compiler;

namespace Mpyd.MountDaemon.Serving;

/// <summary>A mounted .py did not compile; the board gets the source instead. Raised once per source version.</summary>
public sealed class CompileFailedEventArgs(string sourcePath, string sourceName, IReadOnlyList<CompileDiagnostic> diagnostics) : EventArgs
{
    /// <summary>Host path of the source.</summary>
    public string SourcePath { get; } = sourcePath;

    /// <summary>Path relative to the mount root, as recorded in the .mpy ("pkg/mod.py").</summary>
    public string SourceName { get; } = sourceName;

    public IReadOnlyList<CompileDiagnostic> Diagnostics { get; } = diagnostics;
}
