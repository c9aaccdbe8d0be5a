namespace Mpyd.Protocol.RemoteFs;

/// <summary>
/// Error numbers as the board understands them: MicroPython uses the Linux numbering
/// (py/mperrno.h), so the host translates whatever its OS reports into these before sending.
/// </summary>
public enum Errno
{
    /// <summary>Operation not permitted; also "path outside the mount root".</summary>
    EPERM = 1,
    ENOENT = 2,
    EIO = 5,
    EBADF = 9,
    ENOMEM = 12,
    EACCES = 13,
    EBUSY = 16,
    EEXIST = 17,
    EXDEV = 18,
    ENODEV = 19,
    ENOTDIR = 20,
    EISDIR = 21,
    EINVAL = 22,
    EMFILE = 24,
    EFBIG = 27,
    ENOSPC = 28,
    ESPIPE = 29,
    EROFS = 30,
    /// <summary>Linux value; MicroPython has no name for it and prints the number.</summary>
    ENAMETOOLONG = 36,
    /// <summary>Linux value; MicroPython has no name for it and prints the number.</summary>
    ENOTEMPTY = 39,
    ELOOP = 40,
    EOPNOTSUPP = 95,
    ETIMEDOUT = 110,
}
