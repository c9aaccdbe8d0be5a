namespace Mpyd.MountDaemon.Cli;

/// <summary>The command line is wrong; Message says what, Hint what to do. Exit code 2.</summary>
internal sealed class UsageException(string message, string hint) : Exception(message)
{
    public string Hint { get; } = hint;
}
