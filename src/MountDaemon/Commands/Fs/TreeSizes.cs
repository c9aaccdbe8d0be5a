namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>How sizes are shown next to tree entries (none, -s bytes, -h human).</summary>
internal enum TreeSizes
{
    None,
    Bytes,
    Human,
}
