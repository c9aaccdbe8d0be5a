using Mpyd.MountDaemon.Commands.Devices;

namespace Mpyd.MountDaemon.Tests.Commands.Devices;

/// <summary>"connect list" from a fake sysfs tree of real files and symlinks, formatted as mpremote prints it.</summary>
public sealed class PortListerTests
{
    [Fact]
    public void Lists_usb_ports_with_their_descriptors_in_natural_order_as_mpremote_prints_them()
    {
        using var sysfs = new FakeSysfs();
        sysfs.AddUsbSerial("ttyUSB10", "1-4", 0x0403, 0x6001, "A5XK3RJT", "FTDI", "FT232R USB UART");
        sysfs.AddAcm("ttyACM0", "1-2", 0x2e8a, 0x0005, "e6614864d3323634", "MicroPython", "Board in FS mode");
        sysfs.AddUsbSerial("ttyUSB2", "1-3", 0x1a86, 0x7523, product: "USB Serial");
        sysfs.AddBuiltinUart("ttyS0", "serial-base");
        sysfs.AddBuiltinUart("ttyS1", "platform");
        sysfs.AddVirtual("tty0");

        var lines = PortLister.ListSysfs(sysfs.Sys).Select(PortLister.Format);

        Assert.Equal(
        [
            "/dev/ttyACM0 e6614864d3323634 2e8a:0005 MicroPython Board in FS mode",
            "/dev/ttyS0 None 0000:0000 None None",
            "/dev/ttyUSB2 None 1a86:7523 None USB Serial",
            "/dev/ttyUSB10 A5XK3RJT 0403:6001 FTDI FT232R USB UART",
        ], lines);
    }

    [Fact]
    public void Usb_ports_carry_ids_and_built_in_uarts_do_not()
    {
        using var sysfs = new FakeSysfs();
        sysfs.AddAcm("ttyACM3", "3-1.2", 0xf055, 0x9800, "3254335D3037");
        sysfs.AddBuiltinUart("ttyS0", "serial-base");

        var ports = PortLister.ListSysfs(sysfs.Sys, "/devroot");

        var acm = ports[0];
        Assert.Equal(new PortInfo("/devroot/ttyACM3", true, 0xf055, 0x9800, "3254335D3037"), acm);
        Assert.True(acm.HasUsbIds);
        Assert.Equal(new PortInfo("/devroot/ttyS0", false), ports[1]);
        Assert.False(ports[1].HasUsbIds);
    }

    [Fact]
    public void A_tree_without_tty_class_lists_nothing()
    {
        using var sysfs = new FakeSysfs();
        Directory.Delete(Path.Combine(sysfs.Sys, "class"), recursive: true);
        Assert.Empty(PortLister.ListSysfs(sysfs.Sys));
    }

    [Theory]
    [InlineData("/dev/ttyACM2", "/dev/ttyACM10", -1)]
    [InlineData("/dev/ttyACM10", "/dev/ttyACM2", 1)]
    [InlineData("/dev/ttyACM0", "/dev/ttyUSB0", -1)]
    [InlineData("COM3", "COM3", 0)]
    [InlineData("COM03", "COM3", 0)]
    [InlineData("COM3", "COM3a", -1)]
    public void Names_sort_with_numbers_compared_as_numbers(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(PortLister.NaturalCompare(a, b)));

    [Fact]
    public void Missing_values_print_as_mpremote_prints_python_none_and_zero_ids() =>
        Assert.Equal("COM4 None 0000:0000 None None", PortLister.Format(new PortInfo("COM4", true)));

    [Fact]
    public void Links_are_resolved_physically_not_lexically()
    {
        using var sysfs = new FakeSysfs();
        sysfs.AddAcm("ttyACM0", "1-2", 0x2e8a, 0x0005);
        // class/tty/ttyACM0/device is "../../../1-2:1.0" relative to the real tty directory,
        // which a lexical join under class/tty would get wrong.
        var real = SysfsLinks.RealPath(Path.Combine(sysfs.Sys, "class/tty/ttyACM0/device"));
        Assert.Equal(Path.Combine(sysfs.Sys, "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0"), real);
    }

    [Fact]
    public void A_link_loop_is_not_followed_forever()
    {
        using var sysfs = new FakeSysfs();
        var a = Path.Combine(sysfs.Sys, "a");
        File.CreateSymbolicLink(a, "b");
        File.CreateSymbolicLink(Path.Combine(sysfs.Sys, "b"), "a");
        Assert.Null(SysfsLinks.RealPath(a));
    }

    [Fact]
    public void A_sysfs_root_reached_through_a_link_still_finds_the_usb_devices()
    {
        using var sysfs = new FakeSysfs();
        sysfs.AddAcm("ttyACM0", "1-2", 0x2e8a, 0x0005, "AB12");
        var alias = Path.Combine(sysfs.Root, "sys-link");
        Directory.CreateSymbolicLink(alias, sysfs.Sys);

        var port = Assert.Single(PortLister.ListSysfs(alias));

        Assert.Equal("/dev/ttyACM0 AB12 2e8a:0005 None None", PortLister.Format(port));
    }
}
