using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

/// <summary>
/// The one place where host failures become MicroPython errno values (Linux numbering).
/// On Unix, .NET puts the raw errno into <see cref="Exception.HResult"/> of the IOExceptions it
/// cannot classify further; on Windows HResult is 0x8007xxxx with a Win32 error code.
/// </summary>
public static class ErrnoMapper
{
    private const int Win32Facility = unchecked((int)0x80070000);

    public static Errno FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            FileNotFoundException or DirectoryNotFoundException => Errno.ENOENT,
            PathTooLongException => Errno.ENAMETOOLONG,
            UnauthorizedAccessException => Errno.EACCES,
            IOException io => FromHResult(io.HResult),
            ArgumentException => Errno.EINVAL,
            NotSupportedException => Errno.EOPNOTSUPP,
            OutOfMemoryException or InsufficientMemoryException => Errno.ENOMEM,
            _ => Errno.EIO,
        };
    }

    /// <summary>Maps an IOException's HResult (Unix errno or Windows 0x8007xxxx).</summary>
    public static Errno FromHResult(int hresult)
    {
        if (OperatingSystem.IsWindows() || (hresult & unchecked((int)0xFFFF0000)) == Win32Facility)
            return FromWin32((hresult & unchecked((int)0xFFFF0000)) == Win32Facility ? hresult & 0xFFFF : hresult);
        // Statuses of STAT/OPEN are s8 on the wire; MicroPython's own table ends at 125 anyway.
        if (hresult <= 0 || hresult > 127)
            return Errno.EIO;
        if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
            return FromBsdErrno(hresult);
        return (Errno)hresult;
    }

    // BSD numbering agrees with Linux up to 34; the rest differ.
    private static Errno FromBsdErrno(int errno) => errno switch
    {
        <= 34 => (Errno)errno,
        45 => Errno.EOPNOTSUPP,
        60 => Errno.ETIMEDOUT,
        62 => Errno.ELOOP,
        63 => Errno.ENAMETOOLONG,
        66 => Errno.ENOTEMPTY,
        _ => Errno.EIO,
    };

    // Win32 error codes (winerror.h).
    private static Errno FromWin32(int code) => code switch
    {
        2 or 3 or 15 or 53 or 161 => Errno.ENOENT,
        5 => Errno.EACCES,
        4 => Errno.EMFILE,
        6 => Errno.EBADF,
        8 or 14 => Errno.ENOMEM,
        17 => Errno.EXDEV,
        19 => Errno.EROFS,
        32 or 33 => Errno.EBUSY,
        39 or 112 => Errno.ENOSPC,
        80 or 183 => Errno.EEXIST,
        87 or 123 => Errno.EINVAL,
        145 => Errno.ENOTEMPTY,
        206 => Errno.ENAMETOOLONG,
        267 => Errno.ENOTDIR,
        _ => Errno.EIO,
    };
}
