namespace Mpyd.MountDaemon.Cli;

/// <summary>"version" or "--version" in the chain: print the version instead of running (exit 0).</summary>
internal sealed class VersionRequestedException() : Exception("version requested");
