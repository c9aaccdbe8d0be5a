using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Transport;

public class InMemoryLinkTests
{
    [Fact]
    public async Task Bytes_flow_both_ways_unchanged()
    {
        var (host, board) = InMemoryLink.Create("bench");
        await using var _ = host;
        Assert.Equal("bench", host.Name);
        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await WriteAsync(host.Output, all);
        Assert.Equal(all, await ReadExactlyAsync(board.Input, 256));
        await WriteAsync(board.Output, all);
        Assert.Equal(all, await ReadExactlyAsync(host.Input, 256));
    }

    [Fact]
    public async Task Disposing_the_host_completes_the_board_input_after_pending_bytes()
    {
        var (host, board) = InMemoryLink.Create();
        await WriteAsync(host.Output, "bye"u8.ToArray());
        await host.DisposeAsync();
        Assert.Equal("bye"u8.ToArray(), await ReadToEndAsync(board.Input));
    }

    [Fact]
    public async Task Disposing_the_board_end_completes_the_host_input()
    {
        var (host, board) = InMemoryLink.Create();
        await using var _ = host;
        await WriteAsync(board.Output, "x"u8.ToArray());
        await ((IAsyncDisposable)board).DisposeAsync();
        Assert.Equal("x"u8.ToArray(), await ReadToEndAsync(host.Input));
    }
}
