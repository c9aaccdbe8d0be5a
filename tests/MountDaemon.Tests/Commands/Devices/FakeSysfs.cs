namespace Mpyd.MountDaemon.Tests.Commands.Devices;

/// <summary>
/// A sysfs tree of real directories, files and relative symlinks laid out as Linux lays it out
/// (class/tty/X → devices/.../tty/X, X/device → the USB interface or usb-serial port, ids on the
/// USB device above), plus a /dev stand-in whose entries can link to real pseudo-terminals.
/// </summary>
internal sealed class FakeSysfs : IDisposable
{
    private const string UsbHost = "devices/pci0000:00/0000:00:14.0/usb1";

    public FakeSysfs()
    {
        Root = Directory.CreateTempSubdirectory("mpyd-sysfs-").FullName;
        Sys = Path.Combine(Root, "sys");
        Dev = Path.Combine(Root, "dev");
        Directory.CreateDirectory(Dev);
        foreach (var bus in new[] { "usb", "usb-serial", "platform", "serial-base" })
            Directory.CreateDirectory(Path.Combine(Sys, "bus", bus));
        Directory.CreateDirectory(Path.Combine(Sys, "class", "tty"));
    }

    public string Root { get; }

    public string Sys { get; }

    public string Dev { get; }

    /// <summary>A USB-CDC port (ttyACM*): device → the USB interface, whose parent has the ids.</summary>
    public void AddAcm(string name, string usbPort, int vid, int pid, string? serial = null, string? manufacturer = null, string? product = null)
    {
        var usbDevice = $"{UsbHost}/{usbPort}";
        WriteUsbDevice(usbDevice, vid, pid, serial, manufacturer, product);
        var iface = $"{usbDevice}/{usbPort}:1.0";
        Link($"{iface}/subsystem", "../../../../../../bus/usb");
        AddTty(name, $"{iface}/tty/{name}", "../../../" + usbPort + ":1.0");
    }

    /// <summary>A USB-UART bridge port (ttyUSB*): device → the usb-serial port under the interface.</summary>
    public void AddUsbSerial(string name, string usbPort, int vid, int pid, string? serial = null, string? manufacturer = null, string? product = null)
    {
        var usbDevice = $"{UsbHost}/{usbPort}";
        WriteUsbDevice(usbDevice, vid, pid, serial, manufacturer, product);
        var iface = $"{usbDevice}/{usbPort}:1.0";
        Link($"{iface}/subsystem", "../../../../../../bus/usb");
        var port = $"{iface}/{name}";
        Link($"{port}/subsystem", "../../../../../../../bus/usb-serial");
        AddTty(name, $"{port}/tty/{name}", "../../../" + name);
    }

    /// <summary>A built-in UART: "serial-base" (listed, no USB details) or "platform" (not listed).</summary>
    public void AddBuiltinUart(string name, string subsystem)
    {
        var device = $"devices/platform/serial8250/{name}-port";
        Link($"{device}/subsystem", "../../../../bus/" + subsystem);
        AddTty(name, $"{device}/tty/{name}", "../../../" + name + "-port");
    }

    /// <summary>A virtual terminal: no device link at all.</summary>
    public void AddVirtual(string name)
    {
        Directory.CreateDirectory(Path.Combine(Sys, "devices/virtual/tty", name));
        Link($"class/tty/{name}", "../../devices/virtual/tty/" + name);
    }

    /// <summary>Makes dev/NAME a link to a real device (a pseudo-terminal's slave).</summary>
    public string LinkDevice(string name, string target)
    {
        var path = Path.Combine(Dev, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    private void AddTty(string name, string ttyDir, string deviceTarget)
    {
        Directory.CreateDirectory(Path.Combine(Sys, ttyDir));
        Link($"{ttyDir}/device", deviceTarget);
        Link($"class/tty/{name}", "../../" + ttyDir);
    }

    private void WriteUsbDevice(string dir, int vid, int pid, string? serial, string? manufacturer, string? product)
    {
        var full = Path.Combine(Sys, dir);
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, "idVendor"), $"{vid:x4}\n");
        File.WriteAllText(Path.Combine(full, "idProduct"), $"{pid:x4}\n");
        if (serial is not null)
            File.WriteAllText(Path.Combine(full, "serial"), serial + "\n");
        if (manufacturer is not null)
            File.WriteAllText(Path.Combine(full, "manufacturer"), manufacturer + "\n");
        if (product is not null)
            File.WriteAllText(Path.Combine(full, "product"), product + "\n");
    }

    private void Link(string relativePath, string target)
    {
        var path = Path.Combine(Sys, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
