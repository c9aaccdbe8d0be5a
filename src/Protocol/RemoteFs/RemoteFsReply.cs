namespace Mpyd.Protocol.RemoteFs;

/// <summary>
/// The host's answer to one request. Which reply type fits which request is fixed by the
/// protocol (see <see cref="RemoteFsOp"/>); the codec refuses a mismatch.
/// Negative statuses are negated <see cref="Errno"/> values.
/// </summary>
public abstract record RemoteFsReply
{
    public static RemoteFsReply Error(Errno errno) => new StatusReply(-(int)errno);
}

/// <summary>
/// A single status or count: s8 for ListDirStart and Open (fd), s32 for Write (count),
/// Seek (position), Remove, Rename, MakeDir, RemoveDir. Also the error form of Stat, StatFs, ListDir and OpenRead.
/// </summary>
public sealed record StatusReply(int Value) : RemoteFsReply;

/// <summary>Successful Stat.</summary>
public sealed record StatReply(uint Mode, uint Size, uint AccessTime, uint ModifyTime, uint ChangeTime) : RemoteFsReply;

/// <summary>ListDirNext: Name empty means the listing has ended (no type is sent then).</summary>
public sealed record ListDirEntryReply(string Name, uint Type) : RemoteFsReply;

/// <summary>Read and ReadLine: the bytes; empty means end of file.</summary>
public sealed record DataReply(byte[] Data) : RemoteFsReply;

/// <summary>Successful StatFs, sizes in blocks of BlockSize bytes.</summary>
public sealed record StatFsReply(uint BlockSize, uint Blocks, uint FreeBlocks, uint AvailableBlocks, uint NameMax) : RemoteFsReply;

/// <summary>One entry of a successful ListDir. Type is 0x4000 (directory) or 0x8000 (file).</summary>
public sealed record DirEntry(string Name, uint Type, uint Size);

/// <summary>Successful ListDir: every entry, sent in one reply.</summary>
public sealed record ListDirReply(IReadOnlyList<DirEntry> Entries) : RemoteFsReply;

/// <summary>Successful OpenRead: the new fd and the file's first bytes (fewer than asked = the whole file).</summary>
public sealed record OpenReadReply(int Fd, byte[] Data) : RemoteFsReply;

/// <summary>Close has no reply on the wire.</summary>
public sealed record NoReply : RemoteFsReply
{
    public static readonly NoReply Instance = new();
}
