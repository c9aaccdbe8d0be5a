using System.IO.Ports;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Finds candidate boards for "no connect given": USB serial ports, sorted by name, as
/// mpremote's "auto" does. On Linux a port counts when sysfs shows a USB device behind it.
/// </summary>
internal static class SerialPortScanner
{
    public static IReadOnlyList<string> UsbSerialPorts()
    {
        if (OperatingSystem.IsLinux())
        {
            const string ttyClass = "/sys/class/tty";
            if (!Directory.Exists(ttyClass))
                return [];
            return Directory.EnumerateDirectories(ttyClass)
                .Where(dir => IsUsb(dir))
                .Select(dir => "/dev/" + Path.GetFileName(dir))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        if (OperatingSystem.IsMacOS())
            return Directory.EnumerateFiles("/dev", "cu.usb*").Order(StringComparer.Ordinal).ToList();
        return SerialPort.GetPortNames().Order(StringComparer.Ordinal).ToList();
    }

    // /sys/class/tty/ttyACM0/device is a link into the USB interface; walk up to find idVendor.
    private static bool IsUsb(string ttyDir)
    {
        var device = Path.Combine(ttyDir, "device");
        if (!Directory.Exists(device))
            return false;
        try
        {
            var real = new DirectoryInfo(device).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? device;
            for (var dir = new DirectoryInfo(real); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "idVendor")))
                    return true;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return false;
    }
}
