using System.IO.Pipelines;
using System.Text;
using Mpyd.DeviceSim.Hosting;
using Mpyd.Protocol.Transport;

namespace Mpyd.DeviceSim.Tests;

public sealed class HostingTests
{
    private static async Task<string> ReadUntilAsync(PipeReader reader, string suffix)
    {
        var ct = BoardHarness.Deadline();
        var seen = new StringBuilder();
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var text = Encoding.Latin1.GetString(result.Buffer);
            var at = (seen + text).IndexOf(suffix, StringComparison.Ordinal);
            if (at >= 0)
            {
                var consumed = at + suffix.Length - seen.Length;
                reader.AdvanceTo(result.Buffer.GetPosition(consumed));
                return seen + text[..consumed];
            }
            seen.Append(text);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
                throw new EndOfStreamException(seen.ToString());
        }
    }

    private static async Task SendAsync(PipeWriter writer, string text) =>
        await writer.WriteAsync(Encoding.Latin1.GetBytes(text), BoardHarness.Deadline());

    [Fact]
    public async Task TcpServer_GivesEachConnectionItsOwnBoard()
    {
        await using var server = new SimulatedBoardServer(() => new SimulatedBoard());
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(stop.Token);
        await using (var first = await TransportFactory.OpenAsync(server.Address, BoardHarness.Deadline()))
        {
            await SendAsync(first.Output, "v = 1\r");
            Assert.Equal("v = 1\r\n>>> ", await ReadUntilAsync(first.Input, ">>> "));
        }
        await using (var second = await TransportFactory.OpenAsync(server.Address, BoardHarness.Deadline()))
        {
            await SendAsync(second.Output, "v\r");
            Assert.Contains("NameError", await ReadUntilAsync(second.Input, ">>> "));
        }
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, server.Boards.Count);
    }

    [Fact]
    public async Task TcpServer_SharedBoard_KeepsStateBetweenConnections()
    {
        var board = new SimulatedBoard();
        await using var server = new SimulatedBoardServer(board);
        using var stop = new CancellationTokenSource();
        var run = server.RunAsync(stop.Token);
        await using (var first = await TransportFactory.OpenAsync(server.Address, BoardHarness.Deadline()))
        {
            await SendAsync(first.Output, "v = 41\r");
            await ReadUntilAsync(first.Input, ">>> ");
        }
        await using (var second = await TransportFactory.OpenAsync(server.Address, BoardHarness.Deadline()))
        {
            await SendAsync(second.Output, "v\r");
            Assert.Equal("v\r\n41\r\n>>> ", await ReadUntilAsync(second.Input, ">>> "));
        }
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task PseudoTerminal_ActsAsASerialBoard()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return;
        using var host = PseudoTerminalBoardHost.Open(new SimulatedBoard());
        using var stop = new CancellationTokenSource();
        var run = host.RunAsync(stop.Token);
        await using (var port = await TransportFactory.OpenAsync(host.DevicePath, BoardHarness.Deadline()))
        {
            await SendAsync(port.Output, "\r\x01");
            Assert.Equal("\r\n>>> \r\nraw REPL; CTRL-B to exit\r\n>", await ReadUntilAsync(port.Input, "exit\r\n>"));
            await SendAsync(port.Output, "print(6)\x04");
            Assert.Equal("OK6\r\n\x04\x04>", await ReadUntilAsync(port.Input, "\x04>"));
        }
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
