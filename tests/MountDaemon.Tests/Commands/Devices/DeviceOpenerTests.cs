using Mpyd.DeviceSim.Pty;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;

namespace Mpyd.MountDaemon.Tests.Commands.Devices;

/// <summary>
/// "auto" and "id:SERIAL" against a fake sysfs whose /dev entries link to real pseudo-terminals,
/// so the ports really open (and really are busy when another transport holds them).
/// </summary>
public sealed class DeviceOpenerTests : IDisposable
{
    private readonly FakeSysfs _sysfs = new();
    private readonly List<PseudoTerminal> _ptys = [];

    private DeviceOpener Opener => new(new MountSettings()) { SysfsRoot = _sysfs.Sys, DevRoot = _sysfs.Dev };

    private static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    private PseudoTerminal Pty(string devName)
    {
        var pty = PseudoTerminal.Open();
        _ptys.Add(pty);
        _sysfs.LinkDevice(devName, pty.SlavePath);
        return pty;
    }

    // Proves which pseudo-terminal the transport is on: bytes written reach that master.
    private static async Task AssertConnectedToAsync(IDeviceTransport transport, PseudoTerminal pty)
    {
        await transport.Output.WriteAsync("ping"u8.ToArray(), Guard());
        var buffer = new byte[4];
        await pty.Master.ReadExactlyAsync(buffer, Guard());
        Assert.Equal("ping"u8.ToArray(), buffer);
    }

    [Fact]
    public async Task Id_opens_the_port_with_that_usb_serial_number()
    {
        _sysfs.AddAcm("ttyACM0", "1-2", 0x2e8a, 0x0005, "AAAA1111");
        _sysfs.AddAcm("ttyACM1", "1-3", 0x2e8a, 0x0005, "BBBB2222");
        Pty("ttyACM0");
        var second = Pty("ttyACM1");

        await using var transport = await Opener.OpenAsync("id:BBBB2222", Guard());

        Assert.Equal(Path.Combine(_sysfs.Dev, "ttyACM1"), transport.Name);
        await AssertConnectedToAsync(transport, second);
    }

    [Fact]
    public async Task Id_without_a_match_names_the_serial_number()
    {
        _sysfs.AddAcm("ttyACM0", "1-2", 0x2e8a, 0x0005, "AAAA1111");
        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => Opener.OpenAsync("id:nosuch", Guard()));
        Assert.Equal("no device with serial number nosuch", ex.Problem);
    }

    [Fact]
    public async Task Auto_takes_the_first_usb_port_by_name()
    {
        _sysfs.AddAcm("ttyACM10", "1-3", 0x2e8a, 0x0005);
        _sysfs.AddAcm("ttyACM2", "1-2", 0x2e8a, 0x0005);
        Pty("ttyACM10");
        var first = Pty("ttyACM2");

        await using var transport = await Opener.OpenAsync("auto", Guard());

        await AssertConnectedToAsync(transport, first);
    }

    [Fact]
    public async Task Auto_skips_a_port_in_use_by_another_program()
    {
        _sysfs.AddAcm("ttyACM0", "1-2", 0x2e8a, 0x0005);
        _sysfs.AddUsbSerial("ttyUSB0", "1-3", 0x0403, 0x6001);
        var busy = Pty("ttyACM0");
        var free = Pty("ttyUSB0");
        await using var holder = SerialTransport.Open(busy.SlavePath);

        await using var transport = await Opener.OpenAsync(null, Guard());

        Assert.Equal(Path.Combine(_sysfs.Dev, "ttyUSB0"), transport.Name);
        await AssertConnectedToAsync(transport, free);
    }

    [Fact]
    public async Task Auto_with_every_port_busy_says_no_device_found_and_why()
    {
        _sysfs.AddAcm("ttyACM0", "1-2", 0x2e8a, 0x0005);
        var busy = Pty("ttyACM0");
        await using var holder = SerialTransport.Open(busy.SlavePath);

        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => Opener.OpenAsync("auto", Guard()));

        Assert.Equal("no device found", ex.Problem);
        Assert.Contains("in use by another program", ex.Hint);
    }

    [Fact]
    public async Task Auto_ignores_ports_without_usb_ids()
    {
        _sysfs.AddBuiltinUart("ttyS0", "serial-base");
        Pty("ttyS0");

        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => Opener.OpenAsync("auto", Guard()));

        Assert.Equal("no device found", ex.Problem);
        Assert.Contains("connect list", ex.Hint);
    }

    [Fact]
    public async Task Port_prefix_and_plain_paths_open_that_port()
    {
        var pty = Pty("ttyACM5");
        await using (var viaPrefix = await Opener.OpenAsync("port:" + pty.SlavePath, Guard()))
            await AssertConnectedToAsync(viaPrefix, pty);
        await using var viaPath = await Opener.OpenAsync(Path.Combine(_sysfs.Dev, "ttyACM5"), Guard());
        await AssertConnectedToAsync(viaPath, pty);
    }

    [Fact]
    public async Task A_busy_port_reads_as_mpremote_says_it_with_our_hint()
    {
        var pty = Pty("ttyACM0");
        await using var holder = SerialTransport.Open(pty.SlavePath);

        var ex = await Assert.ThrowsAsync<DeviceConnectException>(() => Opener.OpenAsync(pty.SlavePath, Guard()));

        Assert.Equal($"failed to access {pty.SlavePath}: it is in use by another program", ex.Problem);
        Assert.Contains("close that program", ex.Hint);
    }

    [Fact]
    public async Task One_process_can_close_a_transport_and_open_another()
    {
        var pty = Pty("ttyACM0");
        var first = await Opener.OpenAsync(pty.SlavePath, Guard());
        await AssertConnectedToAsync(first, pty);
        await first.DisposeAsync();

        await using var second = await Opener.OpenAsync(pty.SlavePath, Guard());
        await AssertConnectedToAsync(second, pty);
        await using var sim = await Opener.OpenAsync("sim", Guard());
        Assert.Equal("sim", sim.Name);
    }

    public void Dispose()
    {
        foreach (var pty in _ptys)
            pty.Dispose();
        _sysfs.Dispose();
    }
}
