namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// What the fs commands need beyond the board itself.
/// </summary>
/// <param name="MountPoint">The board path of the active mount ("/remote"), or null when nothing is mounted.</param>
/// <param name="HostDirectory">The host's current directory: relative host paths of cp are resolved against it.</param>
/// <param name="DeviceName">The board's port name, shown by "tree -v".</param>
internal sealed record FsContext(string? MountPoint, string HostDirectory, string DeviceName);
