namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Settings of the daemon that are not per command: bound from configuration
/// (defaults → MPYD_ environment variables → command line), validated on start.
/// </summary>
internal sealed class MountSettings
{
    /// <summary>Bytes per READ for binary read-only files on the board (read-ahead).</summary>
    public int ReadAhead { get; set; } = Mpyd.Protocol.Board.BoardProgram.DefaultReadAhead;

    /// <summary>How long the board waits for each reply before raising ETIMEDOUT.</summary>
    public int BoardTimeoutMs { get; set; } = Mpyd.Protocol.Board.BoardProgram.DefaultTimeoutMs;

    /// <summary>An mpy-cross executable to use instead of the native compiler (MPYD_MPY_CROSS).</summary>
    public string? MpyCross { get; set; }

    /// <summary>Disk cache size limit in bytes (MPYD_CACHE_SIZE).</summary>
    public long CacheSizeBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Cache directory (MPYD_CACHE_DIR); default: the per-user cache folder.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Link model of the built-in simulated board: usb, uart or none.</summary>
    public string SimLink { get; set; } = "usb";

    /// <summary>Deadline for mpyd's own snippets on the board (entering the raw REPL, mounting), since the last byte.</summary>
    public int HelperTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// How long the host waits for the arguments of a request the board has started. Shorter than
    /// <see cref="BoardTimeoutMs"/>, so after a broken request the host is listening again before
    /// the board gives up and starts its next one.
    /// </summary>
    public int RequestTimeoutMs { get; set; } = 2_000;

    /// <summary>How long to wait for the board to come back to a prompt after a soft reboot before warning.</summary>
    public int RemountWaitMs { get; set; } = 5000;

    public void Validate()
    {
        if (ReadAhead is < 16 or > 65536)
            throw new SettingsException($"MPYD_READAHEAD={ReadAhead} is outside 16..65536");
        if (BoardTimeoutMs is < 100 or > 600_000)
            throw new SettingsException($"MPYD_BOARDTIMEOUTMS={BoardTimeoutMs} is outside 100..600000");
        if (HelperTimeoutMs is < 100 or > 600_000)
            throw new SettingsException($"MPYD_HELPERTIMEOUTMS={HelperTimeoutMs} is outside 100..600000");
        if (RequestTimeoutMs is < 100 or > 600_000)
            throw new SettingsException($"MPYD_REQUESTTIMEOUTMS={RequestTimeoutMs} is outside 100..600000");
        if (RequestTimeoutMs >= BoardTimeoutMs)
            throw new SettingsException($"MPYD_REQUESTTIMEOUTMS={RequestTimeoutMs} must be shorter than MPYD_BOARDTIMEOUTMS={BoardTimeoutMs}");
        if (CacheSizeBytes < 0)
            throw new SettingsException("MPYD_CACHESIZEBYTES must not be negative");
        if (SimLink is not ("usb" or "uart" or "none"))
            throw new SettingsException($"MPYD_SIMLINK='{SimLink}' is not one of usb, uart, none");
    }
}
