using System.IO.Ports;
using Mpyd.DeviceSim.Pty;

namespace Mpyd.VmBoard.Tests;

public sealed class PseudoTerminalTests
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(20);

    private static byte[] EveryByte() => Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    private static SerialPort OpenClient(string path)
    {
        // No DtrEnable/RtsEnable: a pty has no modem lines and SerialPort throws on them.
        var port = new SerialPort(path, 115200) { ReadTimeout = (int)s_hangGuard.TotalMilliseconds };
        port.Open();
        return port;
    }

    private static byte[] ReadExactly(Stream stream, int count)
    {
        var buf = new byte[count];
        stream.ReadExactly(buf);
        return buf;
    }

    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        using var cts = new CancellationTokenSource(s_hangGuard);
        var buf = new byte[count];
        await stream.ReadExactlyAsync(buf, cts.Token);
        return buf;
    }

    [Fact]
    public async Task Bytes_pass_unchanged_both_ways()
    {
        using var pty = PseudoTerminal.Open();
        using var port = OpenClient(pty.SlavePath);
        var all = EveryByte();

        await pty.Master.WriteAsync(all);
        Assert.Equal(all, ReadExactly(port.BaseStream, all.Length));

        port.BaseStream.Write(all);
        Assert.Equal(all, await ReadExactlyAsync(pty.Master, all.Length));
    }

    [Fact]
    public async Task No_echo_and_no_line_ending_translation()
    {
        using var pty = PseudoTerminal.Open();
        using var port = OpenClient(pty.SlavePath);

        port.BaseStream.Write("a\rb\nc\r\n"u8);
        Assert.Equal("a\rb\nc\r\n"u8.ToArray(), await ReadExactlyAsync(pty.Master, 7));

        // Nothing was echoed back to the client: the first byte it sees is the master's marker.
        await pty.Master.WriteAsync("!"u8.ToArray());
        Assert.Equal("!"u8.ToArray(), ReadExactly(port.BaseStream, 1));
    }

    [Fact]
    public async Task Client_can_close_and_reopen()
    {
        using var pty = PseudoTerminal.Open();
        for (var i = 0; i < 3; i++)
        {
            using var port = OpenClient(pty.SlavePath);
            byte[] ping = [(byte)'p', (byte)i];
            port.BaseStream.Write(ping);
            Assert.Equal(ping, await ReadExactlyAsync(pty.Master, 2));
            await pty.Master.WriteAsync(new byte[] { (byte)'q', (byte)i });
            Assert.Equal(new byte[] { (byte)'q', (byte)i }, ReadExactly(port.BaseStream, 2));
        }
    }

    [Fact]
    public async Task Dispose_ends_a_pending_read()
    {
        var pty = PseudoTerminal.Open();
        var read = pty.Master.ReadAsync(new byte[16]).AsTask();
        pty.Dispose();
        Assert.Equal(0, await read.WaitAsync(s_hangGuard));
    }

    [Fact]
    public async Task Cancelling_a_write_blocked_on_a_full_buffer_ends_it()
    {
        using var pty = PseudoTerminal.Open();
        // Nobody reads the slave, so the kernel buffer fills and the write has to wait.
        using var cts = new CancellationTokenSource();
        var big = new byte[1 << 20];
        var write = pty.Master.WriteAsync(big, cts.Token).AsTask();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(s_hangGuard));
    }

    [Fact]
    public void Setting_modem_lines_on_a_pty_throws()
    {
        // Documents why clients must not set DtrEnable/RtsEnable on a pseudo-terminal.
        using var pty = PseudoTerminal.Open();
        using var port = OpenClient(pty.SlavePath);
        Assert.ThrowsAny<IOException>(() => port.DtrEnable = true);
    }
}
