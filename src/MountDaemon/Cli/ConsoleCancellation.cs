namespace Mpyd.MountDaemon.Cli;

/// <summary>Ctrl-C on the host (SIGINT, outside the raw-mode REPL) cancels the running command.</summary>
internal static class ConsoleCancellation
{
    private static readonly CancellationTokenSource s_source = Create();

    public static CancellationToken Token => s_source.Token;

    private static CancellationTokenSource Create()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
