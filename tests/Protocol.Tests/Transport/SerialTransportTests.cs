using Mpyd.DeviceSim.Pty;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Transport;

/// <summary>Against a real pseudo-terminal: the same kernel tty layer a USB-CDC board sits behind.</summary>
public class SerialTransportTests
{
    [Fact]
    public async Task Bytes_pass_both_ways_through_a_pseudo_terminal()
    {
        using var pty = PseudoTerminal.Open();
        await using var transport = await TransportFactory.OpenAsync(pty.SlavePath, Guard());
        Assert.Equal(pty.SlavePath, transport.Name);

        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await pty.Master.WriteAsync(all, Guard());
        Assert.Equal(all, await ReadExactlyAsync(transport.Input, all.Length));

        await WriteAsync(transport.Output, all);
        Assert.Equal(all, await ReadExactlyAsync(pty.Master, all.Length));
    }

    [Fact]
    public async Task Port_prefix_opens_the_path_after_it()
    {
        using var pty = PseudoTerminal.Open();
        await using var transport = await TransportFactory.OpenAsync("port:" + pty.SlavePath, Guard());
        await WriteAsync(transport.Output, "\r\x03"u8.ToArray());
        Assert.Equal("\r\x03"u8.ToArray(), await ReadExactlyAsync(pty.Master, 2));
    }

    [Fact]
    public async Task Disposing_completes_input_and_releases_the_port()
    {
        using var pty = PseudoTerminal.Open();
        var first = SerialTransport.Open(pty.SlavePath);
        await pty.Master.WriteAsync("a"u8.ToArray(), Guard());
        Assert.Equal("a"u8.ToArray(), await ReadExactlyAsync(first.Input, 1));
        var pending = ReadToEndAsync(first.Input);
        await first.DisposeAsync();
        Assert.Empty(await pending);

        // The exclusive lock went with it: the port opens again.
        await using var second = SerialTransport.Open(pty.SlavePath);
        await pty.Master.WriteAsync("ok"u8.ToArray(), Guard());
        Assert.Equal("ok"u8.ToArray(), await ReadExactlyAsync(second.Input, 2));
    }

    [Fact]
    public async Task A_second_open_of_a_busy_port_is_a_typed_error()
    {
        using var pty = PseudoTerminal.Open();
        await using var first = SerialTransport.Open(pty.SlavePath);
        var ex = Assert.Throws<DeviceConnectException>(() => SerialTransport.Open(pty.SlavePath));
        Assert.Contains("in use", ex.Problem);
        Assert.Contains(pty.SlavePath, ex.Problem);
    }

    [Fact]
    public async Task A_missing_port_is_a_typed_error()
    {
        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => TransportFactory.OpenAsync("/dev/ttyMPYD_NO_SUCH_PORT", Guard()));
        Assert.Contains("does not exist", ex.Problem);
        Assert.Contains("/dev/ttyMPYD_NO_SUCH_PORT", ex.Message);
    }

    [Theory]
    [InlineData(13, "permission denied")]
    [InlineData(1, "permission denied")]
    [InlineData(16, "in use")]
    [InlineData(11, "in use")]
    [InlineData(2, "does not exist")]
    [InlineData(19, "does not exist")]
    [InlineData(5, "errno 5")]
    public void Open_errors_map_to_clear_messages(int errno, string expected)
    {
        var ex = SerialPortLock.ForErrno("/dev/ttyACM0", errno);
        Assert.Contains(expected, ex.Problem);
        Assert.Contains("/dev/ttyACM0", ex.Problem);
        Assert.NotEmpty(ex.Hint);
    }
}
