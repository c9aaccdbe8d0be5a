namespace Mpyd.DeviceSim.FileSystem;

/// <summary>Result of a VFS stat: MicroPython's (mode, size, atime, mtime, ctime).</summary>
internal readonly record struct VfsStat(uint Mode, uint Size, uint AccessTime, uint ModifyTime, uint ChangeTime)
{
    public bool IsDirectory => (Mode & 0x4000) != 0;
}

/// <summary>One directory entry: MicroPython's ilistdir 4-tuple (name, type, inode, size).</summary>
internal readonly record struct VfsEntry(string Name, uint Type, uint Size);

/// <summary>A statvfs result (block size, blocks, free, available, name max).</summary>
internal readonly record struct VfsStatFs(uint BlockSize, uint Blocks, uint Free, uint Available, uint NameMax);

/// <summary>
/// A mounted file system as the board's VFS layer sees it. Paths are relative to the mount
/// (absolute "/x" or relative to the file system's own cwd). Failures throw OSError.
/// </summary>
internal interface IBoardVfs
{
    ValueTask<VfsStat> StatAsync(string path, CancellationToken cancellationToken);
    ValueTask<VfsStatFs> StatFsAsync(string path, CancellationToken cancellationToken);
    ValueTask<IReadOnlyList<VfsEntry>> ListDirAsync(string path, CancellationToken cancellationToken);
    ValueTask<IVfsFile> OpenAsync(string path, string mode, CancellationToken cancellationToken);
    ValueTask RemoveAsync(string path, CancellationToken cancellationToken);
    ValueTask RenameAsync(string from, string to, CancellationToken cancellationToken);
    ValueTask MakeDirAsync(string path, CancellationToken cancellationToken);
    ValueTask RemoveDirAsync(string path, CancellationToken cancellationToken);
    ValueTask ChangeDirAsync(string path, CancellationToken cancellationToken);
    string GetCwd();
}

/// <summary>An open file. Reads return raw bytes; text decoding is done by the file object.</summary>
internal interface IVfsFile
{
    /// <summary>n &lt; 0 reads to the end.</summary>
    ValueTask<byte[]> ReadAsync(int count, CancellationToken cancellationToken);
    /// <summary>Fills up to <paramref name="count"/> bytes the way a stream reader's readinto does.</summary>
    ValueTask<byte[]> ReadIntoAsync(int count, CancellationToken cancellationToken);
    ValueTask<byte[]> ReadLineAsync(CancellationToken cancellationToken);
    ValueTask<int> WriteAsync(byte[] data, CancellationToken cancellationToken);
    ValueTask<long> SeekAsync(long offset, int whence, CancellationToken cancellationToken);
    ValueTask<long> TellAsync(CancellationToken cancellationToken);
    ValueTask CloseAsync(CancellationToken cancellationToken);
}
