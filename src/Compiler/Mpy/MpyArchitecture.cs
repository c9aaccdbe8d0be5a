namespace Mpyd.Compiler.Mpy;

/// <summary>The native architectures of a .mpy header, by the names mpy-cross's -march takes.</summary>
public static class MpyArchitecture
{
    // Index = the architecture number in the .mpy feature byte and in sys.implementation._mpy (bits 10..13).
    private static readonly string?[] Names =
    [
        null, "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp", "armv7emdp", "xtensa", "xtensawin",
        "rv32imc", "rv64imc",
    ];

    /// <summary>
    /// The -march name for a board's <c>sys.implementation._mpy</c> (version | sub-version &lt;&lt; 8 | arch &lt;&lt; 10),
    /// or null when the board has no native architecture (or one this table does not know).
    /// </summary>
    public static string? FromSysImplementationMpy(int mpyValue)
    {
        int arch = (mpyValue >> 10) & 0xF;
        return arch < Names.Length ? Names[arch] : null;
    }
}
