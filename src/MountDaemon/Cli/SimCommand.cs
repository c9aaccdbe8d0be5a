using System.Globalization;
using System.Net.Sockets;
using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Hosting;
using Mpyd.DeviceSim.Link;

namespace Mpyd.MountDaemon.Cli;

/// <summary>
/// "mpyd sim": runs the simulated board where any serial client can reach it: on a
/// pseudo-terminal (--pty, prints the device path) and/or on TCP (--tcp PORT, 127.0.0.1 only).
/// Runs until Ctrl-C.
/// </summary>
internal static class SimCommand
{
    private const string Usage = "usage: mpyd sim [--pty] [--tcp PORT] [--link usb|uart|none]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, CancellationToken cancellationToken)
    {
        var (pty, port, link) = Parse(args);
        SimulatedBoard NewBoard() => new(new SimulatedBoardOptions { Link = link });
        var tasks = new List<Task>();
        PseudoTerminalBoardHost? terminal = null;
        SimulatedBoardServer? server = null;
        try
        {
            // A board has one serial line: the pseudo-terminal and the TCP port each get their own board.
            if (pty)
            {
                terminal = PseudoTerminalBoardHost.Open(NewBoard());
                stdout.WriteLine(terminal.DevicePath);
                tasks.Add(terminal.RunAsync(cancellationToken));
            }
            if (port is not null)
            {
                // One board shared by successive clients, so its state carries over between connections.
                server = new SimulatedBoardServer(NewBoard(), port.Value);
                stdout.WriteLine(server.Address);
                tasks.Add(server.RunAsync(cancellationToken));
            }
            stdout.Flush();
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (SocketException e)
        {
            throw new UsageException($"sim: cannot listen on 127.0.0.1:{port}: {e.Message}", "choose another port, or 0 for any free one");
        }
        finally
        {
            if (server is not null)
                await server.DisposeAsync().ConfigureAwait(false);
            terminal?.Dispose();
        }
        return ExitCodes.Success;
    }

    private static (bool Pty, int? Port, LinkModel? Link) Parse(IReadOnlyList<string> args)
    {
        bool pty = false;
        int? port = null;
        LinkModel? link = LinkModel.Usb12M;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--pty":
                    pty = true;
                    break;
                case "--tcp" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
                    port = p;
                    i++;
                    break;
                case "--link" when i + 1 < args.Count:
                    link = args[++i] switch
                    {
                        "usb" => LinkModel.Usb12M,
                        "uart" => LinkModel.Uart115200,
                        "none" => null,
                        var other => throw new UsageException($"sim: unknown link '{other}'", "use usb, uart or none"),
                    };
                    break;
                default:
                    throw new UsageException($"sim: unexpected argument '{args[i]}'", Usage);
            }
        }
        if (!pty && port is null)
            throw new UsageException("sim: say where the board should be reachable", Usage);
        return (pty, port, link);
    }
}
