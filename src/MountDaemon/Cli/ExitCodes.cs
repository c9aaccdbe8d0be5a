namespace Mpyd.MountDaemon.Cli;

/// <summary>Exit statuses, decided only at the CLI boundary.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The board raised, a device failed, a file is missing: something went wrong at run time.</summary>
    public const int Failure = 1;
    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
    /// <summary>Interrupted by the user (Ctrl-C on the host), as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
