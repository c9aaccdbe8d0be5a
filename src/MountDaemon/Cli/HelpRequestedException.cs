namespace Mpyd.MountDaemon.Cli;

/// <summary>"help", "--help" or "COMMAND --help" on the command line: print help instead of running (exit 0).</summary>
internal sealed class HelpRequestedException(string? command) : Exception("help requested")
{
    /// <summary>The command whose help was asked for; null for the overview.</summary>
    public string? Command { get; } = command;
}
