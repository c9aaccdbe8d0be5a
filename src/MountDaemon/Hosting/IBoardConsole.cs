namespace Mpyd.MountDaemon.Hosting;

/// <summary>Where the board's console output and mpyd's own notices go (the terminal, or a buffer in tests).</summary>
internal interface IBoardConsole
{
    /// <summary>Bytes the board printed, passed through unchanged.</summary>
    void WriteBoardOutput(ReadOnlySpan<byte> data);

    /// <summary>A line from mpyd itself (mount status, remounts, compile errors), kept apart from board output.</summary>
    void Notice(string line);

    /// <summary>
    /// A line of a command's own result on stdout (ls rows, sha256sum digests, "Up to date: ..."),
    /// as mpremote prints them; unlike notices these are what scripts read.
    /// </summary>
    void WriteLine(string line);

    /// <summary>True when stdout is a terminal (progress bars are shown only then).</summary>
    bool OutputIsTerminal { get; }

    /// <summary>True while the terminal is in raw mode (lines then need CR LF).</summary>
    bool RawMode { get; set; }
}
