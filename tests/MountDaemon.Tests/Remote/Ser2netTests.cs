using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Tests.TestKit;
using Mpyd.Protocol.Transport;

namespace Mpyd.MountDaemon.Tests.Remote;

/// <summary>
/// Remote boards: the real mpyd executable against a simulated board on a pseudo-terminal that a
/// real ser2net publishes over TCP, both raw (socket://) and Telnet with RFC 2217 (rfc2217://).
/// </summary>
public sealed class Ser2netTests
{
    public static TheoryData<string> Forms => new() { "socket", "rfc2217" };

    private static string Address(Ser2netBridge bridge, string form) => form == "socket" ? bridge.SocketAddress : bridge.Rfc2217Address;

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Exec_and_eval_run_on_a_board_behind_ser2net(string form)
    {
        await using var bridge = await Ser2netBridge.StartAsync(new SimulatedBoard());

        var result = await MpydProcess.RunAsync(["connect", Address(bridge, form), "exec", "print('hello', 6 * 7)", "eval", "'x' * 3"]);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}\nser2net: {bridge.Log}");
        Assert.Equal("hello 42\nxxx\n", Lf(result.Stdout));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Mount_and_import_work_through_ser2net(string form)
    {
        await using var bridge = await Ser2netBridge.StartAsync(new SimulatedBoard());
        using var dir = new TempDir();
        dir.Write("sensor.py", "def read():\n    return 21.5\n");
        dir.Write("pkg/__init__.py", "X = 1\n");

        var result = await MpydProcess.RunAsync(["connect", Address(bridge, form), "mount", dir.Path, "exec", "import sensor, pkg"]);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}\nser2net: {bridge.Log}");
        Assert.Matches(@"^imported /remote/sensor\.mpy \(\d+ bytes, bytecode, \d+ requests\)\nimported /remote/pkg/__init__\.mpy \(", Lf(result.Stdout));
        Assert.Contains($"Local directory {dir.Path} is mounted at /remote", result.Stderr);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Bytes_255_cross_the_bridge_in_both_directions(string form)
    {
        await using var bridge = await Ser2netBridge.StartAsync(new SimulatedBoard());
        using var dir = new TempDir();
        dir.Write("in.bin", [0xFF, 0x00, 0xFF, 0xFF, 0x41]);

        // Host → board: the file's bytes in READ replies. Board → host: the bytes in WRITE requests.
        var result = await MpydProcess.RunAsync(["connect", Address(bridge, form), "mount", dir.Path,
            "exec", "print(open('in.bin', 'rb').read())\nf = open('out.bin', 'wb')\nf.write(b'\\xff\\xfe\\xff\\xff')\nf.close()"]);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}\nser2net: {bridge.Log}");
        Assert.Equal("b'\\xff\\x00\\xff\\xffA'\n", Lf(result.Stdout));
        Assert.Equal(new byte[] { 0xFF, 0xFE, 0xFF, 0xFF }, File.ReadAllBytes(Path.Combine(dir.Path, "out.bin")));
    }

    [Fact]
    public async Task The_board_keeps_its_state_between_connections_through_the_bridge()
    {
        await using var bridge = await Ser2netBridge.StartAsync(new SimulatedBoard());

        var first = await MpydProcess.RunAsync(["connect", bridge.Rfc2217Address, "exec", "import os\nf = open('/kept.txt', 'w')\nf.write('v1')\nf.close()"]);
        var second = await MpydProcess.RunAsync(["connect", bridge.SocketAddress, "exec", "print(open('/kept.txt').read())"]);

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal("v1\n", Lf(second.Stdout));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_second_client_of_a_port_in_use_gets_one_clear_line(string form)
    {
        await using var bridge = await Ser2netBridge.StartAsync(new SimulatedBoard());
        var address = Address(bridge, form);
        await using var holder = await TransportFactory.OpenAsync(address, new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);

        var result = await MpydProcess.RunAsync(["connect", address, "exec", "print(1)"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"mpyd: {address} ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain("internal error", result.Stderr);
        if (form == "rfc2217")
            Assert.Contains("closed the connection during the RFC 2217 negotiation", result.Stderr);
    }
}
