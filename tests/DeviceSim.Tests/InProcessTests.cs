using System.Text;
using Mpyd.Protocol.Transport;

namespace Mpyd.DeviceSim.Tests;

public sealed class InProcessTests
{
    [Fact]
    public async Task RunsOnProtocolsInMemoryLink_AndReportsAnUnsupportedExpression()
    {
        var (host, boardSide) = InMemoryLink.Create();
        var board = new SimulatedBoard();
        using var stop = new CancellationTokenSource();
        var run = board.RunAsync(boardSide, stop.Token);
        await host.Output.WriteAsync("\r\x01import binascii, hashlib\nprint(binascii.hexlify(hashlib.sha256(b'abc').digest()[:4] if False else b'\\x01\\xff'))\x04"u8.ToArray(), BoardHarness.Deadline());
        var received = new StringBuilder();
        while (!received.ToString().EndsWith("\x04>", StringComparison.Ordinal))
        {
            var result = await host.Input.ReadAsync(BoardHarness.Deadline());
            received.Append(Encoding.Latin1.GetString(result.Buffer));
            host.Input.AdvanceTo(result.Buffer.End);
        }
        Assert.EndsWith("raw REPL; CTRL-B to exit\r\n>OK\x04Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\n" +
            "NotImplementedError: simulated board cannot run: print(binascii.hexlify(hashlib.sha256(b'abc').digest()[:4] if False else b'\\x01\\xff'))\r\n\x04>",
            received.ToString());
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Binascii_Hashlib_Uname()
    {
        await using var h = new BoardHarness();
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("exit\r\n>");
        await h.SendAsync("import binascii, hashlib, os\nh = hashlib.sha256(b'a')\nh.update(b'bc')\nprint(binascii.hexlify(h.digest()))\nprint(os.uname()[0])\x04");
        Assert.Equal("OKb'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'\r\nsim\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }
}
