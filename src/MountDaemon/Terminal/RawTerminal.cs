using System.Runtime.InteropServices;

namespace Mpyd.MountDaemon.Terminal;

/// <summary>
/// Puts the controlling terminal (stdin) in raw mode for the REPL passthrough, so every key,
/// Ctrl-C and Ctrl-D included, reaches the board; restores the saved mode on dispose.
/// Does nothing when stdin is not a terminal (pipes, tests, CI).
/// </summary>
internal sealed partial class RawTerminal : IDisposable
{
    // termios is at most 60 bytes on Linux and 72 on macOS; a larger opaque buffer
    // lets libc's cfmakeraw do the work without our knowing the layout.
    private const int TermiosBufferSize = 256;
    private const int StdinFd = 0;
    private const int TcsaNow = 0;

    private readonly byte[]? _saved;

    private RawTerminal(byte[]? saved) => _saved = saved;

    public bool IsRaw => _saved is not null;

    public static RawTerminal Enter()
    {
        if (OperatingSystem.IsWindows() || Console.IsInputRedirected)
            return new RawTerminal(null);
        var saved = new byte[TermiosBufferSize];
        if (TcGetAttr(StdinFd, saved) != 0)
            return new RawTerminal(null);
        var raw = (byte[])saved.Clone();
        CfMakeRaw(raw);
        return TcSetAttr(StdinFd, TcsaNow, raw) == 0 ? new RawTerminal(saved) : new RawTerminal(null);
    }

    public void Dispose()
    {
        if (_saved is not null)
            _ = TcSetAttr(StdinFd, TcsaNow, _saved);
    }

    [LibraryImport("libc", EntryPoint = "tcgetattr")]
    private static partial int TcGetAttr(int fd, byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr")]
    private static partial int TcSetAttr(int fd, int optionalActions, byte[] termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void CfMakeRaw(byte[] termios);
}
