namespace Mpyd.MountDaemon.Cli;

/// <summary>
/// A command failed at run time (board path missing, host file unreadable, package not found):
/// the message is the whole line after "mpyd: ", in mpremote's wording where mpremote has one
/// (e.g. "cp: :/x.py: No such file or directory."). Exit code 1.
/// </summary>
internal sealed class CommandException(string message) : Exception(message);
