namespace Mpyd.Protocol.BoardFs;

/// <summary>
/// One mounted filesystem's capacity, from os.statvfs (bytes), and its type as the board prints the
/// vfs object ("&lt;VfsLfs2&gt;"), or "&lt;unknown&gt;" on firmware without vfs.mount().
/// </summary>
public sealed record BoardFsUsage(string MountPoint, long Size, long Used, long Available, string FileSystem = BoardFsUsage.UnknownFileSystem)
{
    public const string UnknownFileSystem = "<unknown>";
}
