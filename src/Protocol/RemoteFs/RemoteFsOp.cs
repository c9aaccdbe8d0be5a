namespace Mpyd.Protocol.RemoteFs;

/// <summary>
/// Request ids of the mount protocol. 1..13 are the ids of mpremote v1.25+'s client
/// (see shared/spec/remote-fs.md section 3), kept so captures stay comparable;
/// 14..16 are mpyd extensions used by our own board program.
/// </summary>
/// <remarks>
/// Besides mpremote's framing (<c>0x18 op</c>, the host's <c>0x18</c> ack, arguments, reply), the host
/// serves one-shot requests, another mpyd extension: <c>0x18 0x80 op arguments</c> in one go, no ack;
/// the host answers <c>0x18</c> followed by the reply in one write, and nothing for Close
/// (see <see cref="RemoteFsCodec.OneShot"/>).
/// </remarks>
public enum RemoteFsOp : byte
{
    /// <summary>str path → s8 status [u32 mode, size, atime, mtime, ctime]. (mpremote 1)</summary>
    Stat = 1,
    /// <summary>str path → s8 status. (mpremote 2; served, not used by our board program)</summary>
    ListDirStart = 2,
    /// <summary>(nothing) → str name [u32 type]. (mpremote 3; served, not used by our board program)</summary>
    ListDirNext = 3,
    /// <summary>str path, str mode → s8 fd or -errno. (mpremote 4)</summary>
    Open = 4,
    /// <summary>s8 fd → no reply. (mpremote 5)</summary>
    Close = 5,
    /// <summary>s8 fd, s32 n → bytes (n = -1: to end of file). (mpremote 6)</summary>
    Read = 6,
    /// <summary>s8 fd → bytes, one line with its terminator. (mpremote 7)</summary>
    ReadLine = 7,
    /// <summary>s8 fd, bytes data → s32 count or -errno. (mpremote 8)</summary>
    Write = 8,
    /// <summary>s8 fd, s32 offset, s8 whence → s32 position, -1 or -errno. (mpremote 9)</summary>
    Seek = 9,
    /// <summary>str path → s32 0 or -errno. (mpremote 10)</summary>
    Remove = 10,
    /// <summary>str from, str to → s32 0 or -errno. (mpremote 11)</summary>
    Rename = 11,
    /// <summary>str path → s32 0 or -errno. (mpremote 12)</summary>
    MakeDir = 12,
    /// <summary>str path → s32 0 or -errno. (mpremote 13)</summary>
    RemoveDir = 13,
    /// <summary>str path → s8 status [u32 block size, blocks, free, available, name max]. (mpyd extension)</summary>
    StatFs = 14,
    /// <summary>str path → s8 status, then per entry: bytes name, u32 type, u32 size; an empty name ends. (mpyd extension)</summary>
    ListDir = 15,
    /// <summary>
    /// str path, s32 n → s8 fd or -errno; if fd ≥ 0: bytes data, the file's first bytes (at most n; fewer
    /// means that is the whole file). OPEN "rb" and the first READ in one request. (mpyd extension)
    /// </summary>
    OpenRead = 16,
}
