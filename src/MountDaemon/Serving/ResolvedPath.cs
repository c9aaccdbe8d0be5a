namespace Mpyd.MountDaemon.Serving;

/// <summary>A board path resolved against the mount root.</summary>
/// <param name="BoardPath">The path as the board sent it.</param>
/// <param name="Relative">Lexically normalised path relative to the root, '/'-separated; empty for the root itself.</param>
/// <param name="HostPath">Root joined with <paramref name="Relative"/>, links not followed (remove and rename act on this).</param>
/// <param name="RealPath">HostPath with every symlink followed (stat, open and writes act on this).</param>
public sealed record ResolvedPath(string BoardPath, string Relative, string HostPath, string RealPath)
{
    public bool IsRoot => Relative.Length == 0;

    /// <summary>Last component of the relative path ("" for the root).</summary>
    public string Name => Relative[(Relative.LastIndexOf('/') + 1)..];
}
