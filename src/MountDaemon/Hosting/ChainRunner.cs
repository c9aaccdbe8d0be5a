using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Commands.Devices;
using Mpyd.MountDaemon.Commands.Fs;
using Mpyd.MountDaemon.Commands.Mip;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Runs a parsed command chain against one board, left to right, as mpremote does: an implicit
/// connect before the first step that needs a board, an implicit REPL when no step is an action,
/// and at the end an unmount (files the board left open are committed) and a clean disconnect.
/// </summary>
internal sealed class ChainRunner(IBoardConsole console, MountSettings settings, CompilerProvider compilers, DeviceOpener opener,
    Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
{
    /// <summary>Runs the chain; returns the exit status. Device and usage failures propagate as exceptions.</summary>
    public async Task<int> RunAsync(IReadOnlyList<ChainStep> steps, Stream keyboard, CancellationToken cancellationToken)
    {
        BoardSession? session = null;
        var faulted = false;
        try
        {
            foreach (var step in steps)
            {
                switch (step)
                {
                    case ConnectStep or DisconnectStep:
                        // After a disconnect the next command connects again, with a fresh auto soft reset (as mpremote does).
                        if (session is not null)
                            await CloseAsync(session, faulted: false).ConfigureAwait(false);
                        session = null;
                        if (step is ConnectStep connect)
                            session = await ConnectAsync(connect.Device, cancellationToken).ConfigureAwait(false);
                        continue;
                    case ConnectListStep:
                        foreach (var port in PortLister.List())
                            console.WriteLine(PortLister.Format(port));
                        if (!OperatingSystem.IsLinux())
                            console.Notice("mpyd: this system gives port names only; serial numbers, USB ids and names show as None/0000");
                        continue;
                    case SleepStep sleep:
                        await Task.Delay(TimeSpan.FromSeconds(sleep.Seconds), cancellationToken).ConfigureAwait(false);
                        continue;
                }
                session ??= await ConnectAsync(null, cancellationToken).ConfigureAwait(false);
                if (!await RunStepAsync(session, step, keyboard, cancellationToken).ConfigureAwait(false))
                    return ExitCodes.Failure;
            }
            if (!steps.Any(s => s.IsAction))
            {
                session ??= await ConnectAsync(null, cancellationToken).ConfigureAwait(false);
                await session.RunReplAsync(keyboard, cancellationToken).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is DeviceDisconnectedException or DeviceTimeoutException or ProtocolDesyncException)
        {
            faulted = true;
            if (session is not null)
                await session.AbandonMountAsync(e is DeviceDisconnectedException ? "the board disconnected" : "the board stopped answering")
                    .ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (session is not null)
                await CloseAsync(session, faulted).ConfigureAwait(false);
        }
    }

    private async Task<BoardSession> ConnectAsync(string? device, CancellationToken cancellationToken)
    {
        var transport = await opener.OpenAsync(device, cancellationToken).ConfigureAwait(false);
        return new BoardSession(new BoardConnection(transport), console, settings, compilers, loggers);
    }

    private async Task<bool> RunStepAsync(BoardSession session, ChainStep step, Stream keyboard, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case ResumeStep:
                session.SuppressSoftReset();
                return true;
            case MountStep mount:
                await session.MountAsync(mount, cancellationToken).ConfigureAwait(false);
                return true;
            case UnmountStep:
                await session.UnmountAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case ExecStep exec:
                return await session.ExecAsync(exec.Code, exec.Follow, cancellationToken).ConfigureAwait(false);
            case EvalStep eval:
                return await session.EvalAsync(eval.Expression, cancellationToken).ConfigureAwait(false);
            case RunStep run:
                return await session.ExecAsync(ReadScript(run.File), run.Follow, cancellationToken).ConfigureAwait(false);
            case SoftResetStep:
                await session.SoftResetAsync(cancellationToken).ConfigureAwait(false);
                return true;
            case FsStep fs:
                {
                    var board = await session.PrepareFileSystemAsync(cancellationToken).ConfigureAwait(false);
                    var context = new FsContext(session.MountPoint, Environment.CurrentDirectory, session.DeviceName);
                    await FsCommand.RunAsync(fs, board, context, console, cancellationToken).ConfigureAwait(false);
                    return true;
                }
            case MipStep mip:
                {
                    var board = await session.PrepareFileSystemAsync(cancellationToken).ConfigureAwait(false);
                    var repl = await session.PrepareRawReplAsync(cancellationToken).ConfigureAwait(false);
                    using var installer = new MipInstaller();
                    await installer.InstallAsync(mip, repl, board, console, cancellationToken).ConfigureAwait(false);
                    return true;
                }
            case ReplStep repl:
                await session.RunReplAsync(keyboard, repl, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                throw new InvalidOperationException($"no handler for {step}");
        }
    }

    private static string ReadScript(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"run: could not read file '{file}'", e.Message);
        }
    }

    // A clean end: unmount (committing files the board left open) and leave the raw REPL.
    // After a fault only the link is closed: the board is not answering anyway.
    private static async Task CloseAsync(BoardSession session, bool faulted)
    {
        try
        {
            if (!faulted)
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await session.UnmountAsync(deadline.Token).ConfigureAwait(false);
                await session.LeaveRawReplAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is DeviceException or OperationCanceledException)
        {
            await session.AbandonMountAsync("the board stopped answering during unmount").ConfigureAwait(false);
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
