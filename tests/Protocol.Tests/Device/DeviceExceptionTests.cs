using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Tests.Device;

/// <summary>Each failure says what went wrong, where, and what to do, in one line for the CLI.</summary>
public class DeviceExceptionTests
{
    [Fact]
    public void Messages_name_the_device_and_carry_a_hint()
    {
        DeviceException[] all =
        [
            new DeviceTimeoutException("/dev/ttyACM0", "raw REPL prompt '>'", TimeSpan.FromSeconds(10)),
            new DeviceDisconnectedException("/dev/ttyACM0", "reading a Read request"),
            new ProtocolDesyncException("/dev/ttyACM0", "Stat request: length -1"),
            new NotMicroPythonException("/dev/ttyACM0", "AT\r\n"u8),
            new RemoteExecException("/dev/ttyACM0", [], "Traceback (most recent call last):\r\nOSError: [Errno 2] ENOENT\r\n"),
            new DeviceConnectException("serial port /dev/ttyACM0 is in use by another program", "close the other program"),
        ];
        foreach (var ex in all)
        {
            Assert.Contains("/dev/ttyACM0", ex.Problem);
            Assert.NotEmpty(ex.Hint);
            Assert.Equal($"{ex.Problem} ({ex.Hint})", ex.Message);
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    [Fact]
    public void Timeout_says_what_was_awaited_and_for_how_long()
    {
        var ex = new DeviceTimeoutException("sim", "raw REPL prompt '>'", TimeSpan.FromSeconds(10));
        Assert.Equal("no raw REPL prompt '>' from sim within 10 s", ex.Problem);
        Assert.Equal(TimeSpan.FromSeconds(10), ex.Timeout);
    }

    [Theory]
    [InlineData("OSError: [Errno 2] ENOENT", 2)]
    [InlineData("OSError: 39", 39)]
    [InlineData("OSError: [Errno 110] ETIMEDOUT", 110)]
    [InlineData("OSError: EACCES", 13)]
    [InlineData("ValueError: bad", null)]
    [InlineData("OSError: something odd", null)]
    public void Errno_is_read_from_the_last_traceback_line(string lastLine, int? errno)
    {
        var ex = new RemoteExecException("sim", [], $"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n{lastLine}\r\n");
        Assert.Equal(lastLine, ex.ErrorLine);
        Assert.Equal(errno, ex.OsErrno);
    }

    [Fact]
    public void Printable_escapes_control_bytes_and_keeps_the_tail()
    {
        Assert.Equal("nothing", NotMicroPythonException.Printable([]));
        Assert.Equal("\"a\\r\\n\\x00\\xff\\\"\\\\\"", NotMicroPythonException.Printable([(byte)'a', 13, 10, 0, 0xFF, (byte)'"', (byte)'\\']));
        var longText = NotMicroPythonException.Printable(Enumerable.Repeat((byte)'x', 500).Append((byte)'!').ToArray());
        Assert.StartsWith("\"…", longText);
        Assert.EndsWith("x!\"", longText);
        Assert.Equal(200 + 3, longText.Length); // quotes and the ellipsis
    }
}
