using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Hosting;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Repl;
using Mpyd.Protocol.Tests.TestKit;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Transport;

/// <summary>The whole host stack over real transports: a pseudo-terminal and a TCP socket to the simulated board.</summary>
public class SimulatedBoardOverTransportTests
{
    // Raw REPL with soft reset, an exec, then the board program mounted and one request served.
    private static async Task ExerciseAsync(string device)
    {
        await using var connection = new BoardConnection(await TransportFactory.OpenAsync(device, Guard()));
        var handler = new RecordingHandler(r => r is StatRequest { Path: "/hello.py" } ? new StatReply(0x81A4, 12, 0, 0, 0) : RemoteFsReply.Error(Errno.ENOENT));
        connection.MountHandler = handler;
        var client = new RawReplClient(connection);
        await client.EnterRawReplAsync(softReset: true, Guard());
        Assert.Equal("3\r\n", (await client.ExecAsync("print(1 + 2)", Guard())).StdoutText);
        (await client.ExecAsync(BoardProgram.WireText, Guard())).ThrowIfFailed(device);
        (await client.ExecAsync(BoardProgram.MountCall(), Guard())).ThrowIfFailed(device);
        var result = await client.ExecAsync("import os\nos.stat('hello.py')\nprint('done')", Guard());
        Assert.True(result.Stderr.Length == 0, result.Stderr);
        Assert.Equal("done\r\n", result.StdoutText);
        Assert.Contains(new StatRequest("/hello.py"), handler.Seen);
        Assert.True(connection.BytesIn > 0 && connection.BytesOut > BoardProgram.WireText.Length);
        await client.ExitRawReplAsync(Guard());
    }

    [Fact]
    public async Task Over_a_pseudo_terminal()
    {
        using var host = PseudoTerminalBoardHost.Open(new SimulatedBoard());
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        await ExerciseAsync(host.DevicePath);
        await stop.CancelAsync();
        await run.WaitAsync(HangGuard);
    }

    [Fact]
    public async Task Over_tcp()
    {
        await using var server = new SimulatedBoardServer(() => new SimulatedBoard());
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(stop.Token);
        await ExerciseAsync(server.Address);
        await stop.CancelAsync();
        await run.WaitAsync(HangGuard);
    }
}
