using System.Runtime.InteropServices;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// POSIX only: an advisory exclusive lock (flock) on a serial device, the same lock mpremote and
/// other serial tools take, held on a descriptor of our own for as long as the port is open.
/// It also gives precise errors: ENOENT, EACCES, EBUSY are told apart here, before SerialPort opens.
/// </summary>
internal static partial class SerialPortLock
{
    private const int ORdWr = 2;
    private const int LockEx = 2;
    private const int LockNb = 4;
    private const int LockUn = 8;

    // Linux values; macOS differs only for O_* flags we do not pass here except O_NOCTTY/O_NONBLOCK/O_CLOEXEC.
    private static int ONoCtty => OperatingSystem.IsMacOS() ? 0x20000 : 0x100;
    private static int ONonBlock => OperatingSystem.IsMacOS() ? 0x4 : 0x800;
    private static int OCloExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    private const int ENoEnt = 2;
    private const int EAcces = 13;
    private const int EPerm = 1;
    private const int EBusy = 16;
    private static int EWouldBlock => OperatingSystem.IsMacOS() ? 35 : 11;
    private static int ENoDev => 19;
    private static int ENxIo => 6;

    /// <summary>Opens and locks <paramref name="path"/>; returns the descriptor to pass to <see cref="Release"/>.</summary>
    /// <exception cref="DeviceConnectException">Missing, busy, or permission denied.</exception>
    public static int Acquire(string path)
    {
        var fd = Open(path, ORdWr | ONoCtty | ONonBlock | OCloExec);
        if (fd < 0)
            throw ForErrno(path, Marshal.GetLastPInvokeError());
        if (Flock(fd, LockEx | LockNb) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Close(fd);
            throw ForErrno(path, errno == EWouldBlock ? EBusy : errno);
        }
        return fd;
    }

    public static void Release(int fd)
    {
        Flock(fd, LockUn);
        Close(fd);
    }

    /// <summary>The typed error for a failed open of a serial device.</summary>
    public static DeviceConnectException ForErrno(string path, int errno) => errno switch
    {
        ENoEnt => Missing(path),
        _ when errno == ENoDev || errno == ENxIo => Missing(path),
        EAcces or EPerm => PermissionDenied(path),
        _ when errno == EBusy || errno == EWouldBlock => Busy(path),
        _ => new DeviceConnectException($"failed to access {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})",
            "it may be in use by another program; check the device path and that the board is connected"),
    };

    public static DeviceConnectException Missing(string path, Exception? inner = null) =>
        new($"serial port {path} does not exist", "check the board is plugged in and the port name; on Linux USB boards appear as /dev/ttyACM* or /dev/ttyUSB*", inner);

    public static DeviceConnectException Busy(string path, Exception? inner = null) =>
        new($"failed to access {path}: it is in use by another program",
            "close that program, e.g. mpremote, a serial monitor, an IDE or another mpyd, and retry", inner);

    public static DeviceConnectException PermissionDenied(string path, Exception? inner = null) =>
        new($"failed to access {path}: permission denied",
            OperatingSystem.IsLinux()
                ? "add your user to the group that owns the port (usually `dialout` or `uucp`: `sudo usermod -aG dialout $USER`), then log in again"
                : "check the permissions of the port", inner);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
