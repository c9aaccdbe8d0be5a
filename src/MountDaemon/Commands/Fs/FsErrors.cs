using Mpyd.MountDaemon.Cli;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// Failures of the fs commands as one line, in mpremote's wording "<sub>: <path>: <strerror>."
/// (strerror texts of a Linux host, which is what mpremote prints there).
/// </summary>
internal static class FsErrors
{
    // errno values are MicroPython's (py/mperrno.h, the Linux numbering); texts are glibc's strerror.
    private static readonly Dictionary<int, string> s_strerror = new()
    {
        [1] = "Operation not permitted",
        [2] = "No such file or directory",
        [5] = "Input/output error",
        [9] = "Bad file descriptor",
        [11] = "Resource temporarily unavailable",
        [12] = "Cannot allocate memory",
        [13] = "Permission denied",
        [16] = "Device or resource busy",
        [17] = "File exists",
        [18] = "Invalid cross-device link",
        [19] = "No such device",
        [20] = "Not a directory",
        [21] = "Is a directory",
        [22] = "Invalid argument",
        [23] = "Too many open files in system",
        [24] = "Too many open files",
        [27] = "File too large",
        [28] = "No space left on device",
        [30] = "Read-only file system",
        [36] = "File name too long",
        [39] = "Directory not empty",
        [95] = "Operation not supported",
        [110] = "Connection timed out",
    };

    public const int NoEntry = 2;
    public const int Exists = 17;
    public const int NotDirectory = 20;
    public const int IsDirectory = 21;
    public const int Invalid = 22;

    /// <summary>The text os.strerror gives for <paramref name="errno"/> on Linux.</summary>
    public static string StrError(int errno) =>
        errno == 0 ? "Success" : s_strerror.GetValueOrDefault(errno, $"Unknown error {errno}");

    /// <summary>A board failure of <paramref name="command"/> on <paramref name="shownPath"/>.</summary>
    public static CommandException Board(string command, string shownPath, BoardFsException error) =>
        error.Errno == 0
            ? new CommandException($"{command}: {shownPath}: {OneLine(error.Message)}")
            : new CommandException($"{command}: {shownPath}: {StrError(error.Errno)}.");

    /// <summary>A failure known by its errno alone.</summary>
    public static CommandException Errno(string command, string shownPath, int errno) =>
        new($"{command}: {shownPath}: {StrError(errno)}.");

    /// <summary>A host file failure of <paramref name="command"/> on <paramref name="shownPath"/>.</summary>
    public static CommandException Host(string command, string shownPath, Exception error) =>
        HostErrno(error) is int errno
            ? new CommandException($"{command}: {shownPath}: {StrError(errno)}.")
            : new CommandException($"{command}: {shownPath}: {OneLine(error.Message)}");

    /// <summary>True for the exceptions host file access throws for a refused or failed operation.</summary>
    public static bool IsHostFailure(Exception error) => error is IOException or UnauthorizedAccessException;

    /// <summary>The errno behind a host file exception, when .NET kept it.</summary>
    public static int? HostErrno(Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => NoEntry,
        UnauthorizedAccessException => 13,
        PathTooLongException => 36,
        // On Unix .NET keeps the raw errno as HResult, except EEXIST (ERROR_FILE_EXISTS / ERROR_ALREADY_EXISTS).
        IOException { HResult: unchecked((int)0x80070050) or unchecked((int)0x800700B7) } => Exists,
        IOException { HResult: > 0 and < 200 } io when s_strerror.ContainsKey(io.HResult) => io.HResult,
        _ => null,
    };

    private static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "failed" : lines[^1];
    }
}
