using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// The hosted service that owns the board connection for the life of the process: runs the
/// command chain (mount, exec, REPL, ...) and stops the host when it is done, leaving the exit
/// status in <see cref="ExitStatus"/>. Failures are reported here as one line each.
/// </summary>
internal sealed class ChainHostedService(
    ChainRequest request,
    IBoardConsole console,
    IOptions<MountSettings> settings,
    ExitStatus exitStatus,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var options = settings.Value;
            var runner = new ChainRunner(console, options, new CompilerProvider(options, NativeCompilerFactory.Create),
                new DeviceOpener(options), loggers);
            exitStatus.Code = await runner.RunAsync(request.Steps, request.Keyboard, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            exitStatus.Code = ErrorReporter.Report(e, Console.Error, request.Verbose);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}

/// <summary>What the command line asked for, handed to the hosted service.</summary>
internal sealed record ChainRequest(IReadOnlyList<ChainStep> Steps, Stream Keyboard, bool Verbose);

/// <summary>The process exit status, set by the hosted service.</summary>
internal sealed class ExitStatus
{
    public int Code { get; set; } = ExitCodes.Failure;
}
