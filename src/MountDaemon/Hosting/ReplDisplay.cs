using System.Text;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// What the REPL shows: board output to the console, optionally with non-printable bytes as
/// [xx] (repl -e), and a copy of everything shown in the capture file (repl --capture).
/// </summary>
internal sealed class ReplDisplay(IBoardConsole console, Stream? capture, bool escapeNonPrintable)
{
    public void Write(ReadOnlySpan<byte> data)
    {
        if (escapeNonPrintable)
            data = Escape(data);
        console.WriteBoardOutput(data);
        if (capture is not null)
        {
            capture.Write(data);
            capture.Flush();
        }
    }

    public void WriteLine(string line) => Write(Encoding.UTF8.GetBytes(line + "\r\n"));

    // Backspace, tab, LF, CR and ESC pass (line editing and colours keep working).
    private static byte[] Escape(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder(data.Length);
        foreach (var b in data)
        {
            if (b is 8 or 9 or 10 or 13 or 27 || (b >= 32 && b <= 126))
                text.Append((char)b);
            else
                text.Append('[').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)).Append(']');
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
