using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Link;
using Mpyd.DeviceSim.Pty;

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
        var board = new SimulatedBoard(new SimulatedBoardOptions { Link = link });
        var tasks = new List<Task>();
        PseudoTerminal? terminal = null;
        TcpListener? listener = null;
        try
        {
            if (pty)
            {
                terminal = PseudoTerminal.Open();
                stdout.WriteLine(terminal.SlavePath);
                var pipe = new StreamDuplexPipe(terminal.Master);
                tasks.Add(board.RunAsync(pipe, cancellationToken));
            }
            if (port is not null)
            {
                listener = new TcpListener(IPAddress.Loopback, port.Value);
                listener.Start();
                stdout.WriteLine($"socket://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
                tasks.Add(ServeTcpAsync(board, listener, cancellationToken));
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
            listener?.Stop();
            terminal?.Dispose();
        }
        return ExitCodes.Success;
    }

    // One client at a time, as a board has one serial line; the board's state carries over.
    private static async Task ServeTcpAsync(SimulatedBoard board, TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            client.NoDelay = true;
            await using var stream = client.GetStream();
            await board.RunAsync(new StreamDuplexPipe(stream), cancellationToken).ConfigureAwait(false);
        }
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

    private sealed class StreamDuplexPipe(Stream stream) : IDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }
}
