using System.Runtime.InteropServices;

namespace Mpyd.DeviceSim.Pty;

/// <summary>The few libc calls a pseudo-terminal needs (Linux and macOS).</summary>
internal static partial class PtyNative
{
    private const string LibC = "libc";

    // Flag values differ between Linux and macOS (fcntl.h of each).
    public static int ORdWr => 2;
    public static int ONoCtty => OperatingSystem.IsMacOS() ? 0x20000 : 0x100;
    public static int ONonBlock => OperatingSystem.IsMacOS() ? 0x4 : 0x800;
    public static int EAgain => OperatingSystem.IsMacOS() ? 35 : 11;

    public const int EIntr = 4;
    public const int FGetFl = 3;
    public const int FSetFl = 4;
    public const int TcsaNow = 0;
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollErr = 0x8;
    public const short PollHup = 0x10;
    public const short PollNval = 0x20;

    // struct termios is 60 bytes on glibc and 72 on macOS; libc fills and edits it, we never read fields.
    public const int TermiosBufferSize = 256;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport(LibC, EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int PosixOpenPt(int flags);

    [LibraryImport(LibC, EntryPoint = "grantpt", SetLastError = true)]
    public static partial int GrantPt(int fd);

    [LibraryImport(LibC, EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int UnlockPt(int fd);

    [LibraryImport(LibC, EntryPoint = "ptsname_r", SetLastError = true)]
    public static unsafe partial int PtsNameR(int fd, byte* buf, nint buflen);

    [LibraryImport(LibC, EntryPoint = "ptsname", SetLastError = true)]
    public static partial nint PtsName(int fd);

    [LibraryImport(LibC, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibC, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buf, nint count);

    [LibraryImport(LibC, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buf, nint count);

    [LibraryImport(LibC, EntryPoint = "pipe", SetLastError = true)]
    public static unsafe partial int Pipe(int* fds);

    [LibraryImport(LibC, EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint nfds, int timeoutMs);

    [LibraryImport(LibC, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int cmd, int arg);

    [LibraryImport(LibC, EntryPoint = "tcgetattr", SetLastError = true)]
    public static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(LibC, EntryPoint = "tcsetattr", SetLastError = true)]
    public static unsafe partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(LibC, EntryPoint = "cfmakeraw")]
    public static unsafe partial void CfMakeRaw(byte* termios);

    public static int Errno => Marshal.GetLastPInvokeError();

    public static IOException Failure(string call)
    {
        var errno = Errno;
        return new IOException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }
}
