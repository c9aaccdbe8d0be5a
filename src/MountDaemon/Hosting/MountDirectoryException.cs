namespace Mpyd.MountDaemon.Hosting;

/// <summary>The directory given to mount cannot be mounted (missing, not a directory).</summary>
internal sealed class MountDirectoryException(string message) : Exception(message);
