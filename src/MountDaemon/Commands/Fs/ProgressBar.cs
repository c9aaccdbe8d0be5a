using System.Text;
using Mpyd.MountDaemon.Hosting;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// mpremote's copy progress bar ("\r ... copying  42% [########------------]"), cleared when done.
/// Reported synchronously (not Progress&lt;T&gt;, which posts and may reorder), and only on a terminal
/// for files of at least 2048 bytes.
/// </summary>
internal sealed class ProgressBar : IProgress<long>
{
    private const int Width = 20;
    private const int MinimumSize = 2048;
    private const string Operation = "copying";
    private readonly IBoardConsole _console;
    private readonly long _total;
    private string? _last;

    private ProgressBar(IBoardConsole console, long total)
    {
        _console = console;
        _total = total;
    }

    /// <summary>A bar for a transfer of <paramref name="total"/> bytes, or null when none is shown.</summary>
    public static ProgressBar? For(IBoardConsole console, long total) =>
        console.OutputIsTerminal && total >= MinimumSize ? new ProgressBar(console, total) : null;

    /// <summary>The text drawn after <paramref name="done"/> of <paramref name="total"/> bytes.</summary>
    public static string Text(long done, long total)
    {
        if (done >= total)
            return "\r" + new string(' ', 13 + Operation.Length + Width) + "\r";
        var filled = (int)(done * Width / total);
        var percent = done * 100 / total;
        return $"\r ... {Operation} {percent,3}% [{new string('#', filled)}{new string('-', Width - filled)}]";
    }

    public void Report(long value)
    {
        var text = Text(value, _total);
        if (text == _last)
            return;
        _last = text;
        _console.WriteBoardOutput(Encoding.UTF8.GetBytes(text));
    }
}
