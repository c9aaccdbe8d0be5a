namespace Mpyd.MountDaemon.Hosting;

/// <summary>Board output to stdout, notices to stderr, so scripts can keep the two apart.</summary>
internal sealed class StandardConsole : IBoardConsole
{
    private readonly Stream _stdout = Console.OpenStandardOutput();
    private readonly Lock _lock = new();

    public bool RawMode { get; set; }

    public void WriteBoardOutput(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            _stdout.Write(data);
            _stdout.Flush();
        }
    }

    public bool OutputIsTerminal { get; } = !Console.IsOutputRedirected;

    public void WriteLine(string line) => WriteBoardOutput(System.Text.Encoding.UTF8.GetBytes(line + (RawMode ? "\r\n" : "\n")));

    public void Notice(string line)
    {
        lock (_lock)
        {
            Console.Error.Write(line + (RawMode ? "\r\n" : "\n"));
            Console.Error.Flush();
        }
    }
}
