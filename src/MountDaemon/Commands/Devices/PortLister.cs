using System.Globalization;
using System.IO.Ports;

namespace Mpyd.MountDaemon.Commands.Devices;

/// <summary>
/// The serial ports for "connect list" and "auto", sorted as mpremote sorts them (by name, numbers
/// compared as numbers). Linux: sysfs gives the USB vendor/product ids, serial number, manufacturer
/// and product. macOS and Windows: only the port names (USB details read as unknown), with
/// /dev/cu.usb* (macOS) and every COM port (Windows) counted as USB.
/// </summary>
internal static class PortLister
{
    /// <summary>The ports of this system; <paramref name="sysfsRoot"/> and <paramref name="devRoot"/> matter on Linux only.</summary>
    public static IReadOnlyList<PortInfo> List(string sysfsRoot = "/sys", string devRoot = "/dev")
    {
        if (OperatingSystem.IsLinux())
            return ListSysfs(sysfsRoot, devRoot);
        if (OperatingSystem.IsMacOS())
        {
            return Sorted(Directory.EnumerateFiles("/dev", "cu.*")
                .Select(p => new PortInfo(p, IsUsb: Path.GetFileName(p).StartsWith("cu.usb", StringComparison.Ordinal))));
        }
        return Sorted(SerialPort.GetPortNames().Select(p => new PortInfo(p, IsUsb: true)));
    }

    /// <summary>
    /// Ports from a sysfs tree: every /sys/class/tty entry backed by a device (virtual consoles and
    /// pseudo-terminals have none), except the built-in UARTs of the "platform" bus, as pyserial does.
    /// </summary>
    public static IReadOnlyList<PortInfo> ListSysfs(string sysfsRoot, string devRoot = "/dev")
    {
        var ttyClass = Path.Combine(sysfsRoot, "class", "tty");
        if (!Directory.Exists(ttyClass))
            return [];
        // Physical, like the device paths compared with it (the root itself may sit behind a link).
        var root = SysfsLinks.RealPath(sysfsRoot) ?? Path.GetFullPath(sysfsRoot);
        var ports = new List<PortInfo>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(ttyClass))
        {
            if (SysfsLinks.RealPath(Path.Combine(entry, "device")) is not { } device || !Directory.Exists(device))
                continue;
            if (SubsystemOf(device) == "platform")
                continue;
            ports.Add(Describe(Path.Combine(devRoot, Path.GetFileName(entry)), device, root));
        }
        return Sorted(ports);
    }

    /// <summary>mpremote's line: "&lt;port&gt; &lt;serial&gt; &lt;vid&gt;:&lt;pid&gt; &lt;manufacturer&gt; &lt;product&gt;".</summary>
    public static string Format(PortInfo port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return string.Create(CultureInfo.InvariantCulture,
            $"{port.Device} {port.SerialNumber ?? "None"} {port.Vid ?? 0:x4}:{port.Pid ?? 0:x4} {port.Manufacturer ?? "None"} {port.Product ?? "None"}");
    }

    // The USB device is the first ancestor with idVendor: the interface's parent for ttyACM
    // (device = interface), the grandparent for usb-serial ports such as ttyUSB (device = port).
    private static PortInfo Describe(string devicePath, string device, string sysfsRoot)
    {
        for (var dir = device; dir.Length > sysfsRoot.Length && dir.StartsWith(sysfsRoot, StringComparison.Ordinal);
             dir = Path.GetDirectoryName(dir) ?? "")
        {
            if (ReadHex(dir, "idVendor") is not { } vid)
                continue;
            return new PortInfo(devicePath, IsUsb: true, vid, ReadHex(dir, "idProduct"), Read(dir, "serial"),
                Read(dir, "manufacturer"), Read(dir, "product"));
        }
        return new PortInfo(devicePath, IsUsb: false);
    }

    private static string? SubsystemOf(string device) =>
        SysfsLinks.RealPath(Path.Combine(device, "subsystem")) is { } s ? Path.GetFileName(s) : null;

    private static string? Read(string dir, string attribute)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(dir, attribute)).TrimEnd('\n', '\r', ' ');
            return text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // absent attribute (no serial string), or unreadable
        }
    }

    private static int? ReadHex(string dir, string attribute) =>
        Read(dir, attribute) is { } text && int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            ? v
            : null;

    private static List<PortInfo> Sorted(IEnumerable<PortInfo> ports) =>
        ports.Order(Comparer<PortInfo>.Create((a, b) => NaturalCompare(a.Device, b.Device))).ToList();

    /// <summary>Text compared ordinally, runs of digits as numbers: ttyACM2 before ttyACM10.</summary>
    public static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                    i++;
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                    j++;
                var na = a.AsSpan(si, i - si).TrimStart('0');
                var nb = b.AsSpan(sj, j - sj).TrimStart('0');
                var c = na.Length != nb.Length ? na.Length.CompareTo(nb.Length) : na.SequenceCompareTo(nb);
                if (c != 0)
                    return c;
                continue;
            }
            if (a[i] != b[j])
                return a[i].CompareTo(b[j]);
            i++;
            j++;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
