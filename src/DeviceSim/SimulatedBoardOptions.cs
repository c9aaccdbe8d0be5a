using Mpyd.DeviceSim.FileSystem;
using Mpyd.DeviceSim.Link;

namespace Mpyd.DeviceSim;

/// <summary>How a <see cref="SimulatedBoard"/> looks and behaves.</summary>
public sealed record SimulatedBoardOptions
{
    /// <summary>First banner line (without line ending).</summary>
    public string Banner { get; init; } = "MicroPython v1.28.0 on 2026-04-06; mpyd simulated board with sim";

    /// <summary>Whether the banner has the 'Type "help()"' line.</summary>
    public bool HelpLine { get; init; } = true;

    /// <summary>Raw-paste window W (the board grants W bytes per 0x01).</summary>
    public int RawPasteWindow { get; init; } = 128;

    /// <summary>sys.implementation._mpy: version | sub-version &lt;&lt; 8 | arch &lt;&lt; 10. 0 = the board cannot load .mpy files.</summary>
    public int MpyVersion { get; init; } = 6 | (3 << 8);

    /// <summary>Small-int bits the board accepts in a .mpy header.</summary>
    public int SmallIntBits { get; init; } = 31;

    /// <summary>Convert "\n" to "\r\n" in program output (bare-metal ports do).</summary>
    public bool ConvertLfToCrLf { get; init; } = true;

    /// <summary>Text boot.py prints at every (soft) boot; "" = none.</summary>
    public string BootOutput { get; init; } = "";

    /// <summary>Text main.py prints at a soft boot in the friendly REPL; "" = none.</summary>
    public string MainOutput { get; init; } = "";

    /// <summary>main.py never returns (until Ctrl-C).</summary>
    public bool MainBlocksForever { get; init; }

    /// <summary>sys.implementation._machine.</summary>
    public string MachineName { get; init; } = "mpyd simulated board with sim";

    /// <summary>sys.platform.</summary>
    public string Platform { get; init; } = "sim";

    /// <summary>Capacity of the flash file system in bytes; null = unlimited.</summary>
    public long? FlashCapacity { get; init; }

    /// <summary>Whether the deflate module is built in (mpyd's file helper inflates compressed chunks with it; false: ImportError).</summary>
    public bool HasDeflate { get; init; } = true;

    /// <summary>Throughput and latency applied to the link in <see cref="SimulatedBoard.RunAsync"/>; null = instant.</summary>
    public LinkModel? Link { get; init; }

    /// <summary>Faults to inject (bytes on the link, and at mount requests).</summary>
    public FaultPlan Faults { get; init; } = FaultPlan.None;

    /// <summary>Clock for link timing, mount timeouts and time.sleep; null = the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Validates the values; throws ArgumentException naming the bad one.</summary>
    public void Validate()
    {
        if (RawPasteWindow is < 1 or > ushort.MaxValue)
            throw new ArgumentException($"RawPasteWindow must be 1..65535, got {RawPasteWindow}");
        if (MpyVersion is < 0 or > 0xFFFF)
            throw new ArgumentException($"MpyVersion must be 0..65535, got {MpyVersion}");
        if (SmallIntBits is < 1 or > 64)
            throw new ArgumentException($"SmallIntBits must be 1..64, got {SmallIntBits}");
        if (Banner.Contains('\n') || Banner.Contains('\r'))
            throw new ArgumentException("Banner must be one line");
    }
}
