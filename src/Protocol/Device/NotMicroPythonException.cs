using System.Text;

namespace Mpyd.Protocol.Device;

/// <summary>The device did not answer like a MicroPython REPL (no raw REPL banner in time).</summary>
public sealed class NotMicroPythonException(string device, ReadOnlySpan<byte> seen)
    : DeviceException($"{device} did not answer like a MicroPython board (it sent: {Printable(seen)})",
        "check that this port is the board's REPL, that MicroPython is flashed, and that no program on it blocks the REPL; press its reset button and retry")
{
    public string Device { get; } = device;

    /// <summary>The bytes the device sent, shown with escapes, at most the last 200.</summary>
    public static string Printable(ReadOnlySpan<byte> seen)
    {
        if (seen.IsEmpty)
            return "nothing";
        const int keep = 200;
        var sb = new StringBuilder("\"");
        if (seen.Length > keep)
        {
            sb.Append('…');
            seen = seen[^keep..];
        }
        foreach (var b in seen)
        {
            switch (b)
            {
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case >= 0x20 and < 0x7F: sb.Append((char)b); break;
                default: sb.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
