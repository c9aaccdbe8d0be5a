namespace Mpyd.MountDaemon.Hosting;

/// <summary>Where the board's console output and mpyd's own notices go (the terminal, or a buffer in tests).</summary>
internal interface IBoardConsole
{
    /// <summary>Bytes the board printed, passed through unchanged.</summary>
    void WriteBoardOutput(ReadOnlySpan<byte> data);

    /// <summary>A line from mpyd itself (mount status, remounts, compile errors), kept apart from board output.</summary>
    void Notice(string line);

    /// <summary>True while the terminal is in raw mode (lines then need CR LF).</summary>
    bool RawMode { get; set; }
}
