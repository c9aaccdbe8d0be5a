using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.Device;

namespace Mpyd.MountDaemon.Cli;

/// <summary>The one place where failures become a line on stderr and an exit status.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception error, TextWriter stderr, bool verbose)
    {
        var (line, code) = error switch
        {
            UsageException u => ($"mpyd: {u.Message} ({u.Hint})", ExitCodes.Usage),
            SettingsException s => ($"mpyd: bad setting: {s.Message} (fix it in {UserConfig.Path} or the environment)", ExitCodes.Failure),
            CommandException c => ($"mpyd: {c.Message}", ExitCodes.Failure),
            OperationCanceledException => ("mpyd: interrupted", ExitCodes.Interrupted),
            RemoteExecException r => ($"mpyd: {r.Message}\n{r.Stderr.TrimEnd()}", ExitCodes.Failure),
            DeviceException d => ($"mpyd: {d.Message}", ExitCodes.Failure),
            MountDirectoryException m => ($"mpyd: {m.Message} (give the path of an existing directory)", ExitCodes.Failure),
            _ => ($"mpyd: internal error: {error.GetType().Name}: {error.Message} (run again with --verbose and report it)",
                ExitCodes.Failure),
        };
        stderr.WriteLine(line);
        if (verbose)
            stderr.WriteLine(error.ToString());
        return code;
    }
}
