namespace Mpyd.Compiler;

/// <summary>mpy-cross's options that change the output: -O, -march, -msmall-int-bits.</summary>
/// <param name="OptimizationLevel">0..3, as -O0..-O3.</param>
/// <param name="Architecture">Native architecture name for the header (null: bytecode only, as mpy-cross without -march).</param>
/// <param name="SmallIntBits">Bits of a small int on the target (-msmall-int-bits).</param>
public sealed record CompileOptions(int OptimizationLevel = 0, string? Architecture = null, int SmallIntBits = 31)
{
    public static readonly CompileOptions Default = new();

    /// <summary>A stable text form for cache keys.</summary>
    public string CacheKeyPart => $"O{OptimizationLevel};arch={Architecture ?? "none"};sib={SmallIntBits}";
}
