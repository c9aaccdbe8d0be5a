using Mpyd.Compiler;
using Mpyd.Tests.Shared;
using Mpyd.Compiler.External;
using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>
/// A module with @micropython.native imported through auto-mpy on the simulated board: the native compiler
/// rejects it, and an mpy-cross "on PATH" (a shell script standing in for it, a real process) compiles it for the
/// board's architecture; without one the board gets the source and the console one notice.
/// </summary>
public sealed class NativeCodeImportTests : IDisposable
{
    private const string Source = "import micropython\n\n@micropython.native\ndef fast(x):\n    return x + 1\n";

    // An armv7emsp board (architecture 7), like a Pyboard D: sys.implementation._mpy = 6 | 3 << 8 | 7 << 10.
    private static readonly SimulatedBoardOptions ArmBoard = new() { MpyVersion = 6 | (3 << 8) | (7 << 10) };

    private readonly FakeMpyCross _mpyCross = new();

    public void Dispose() => _mpyCross.Dispose();

    private string[] Calls() => _mpyCross.Calls();

    [Fact]
    public async Task A_native_module_is_compiled_by_mpy_cross_on_path_for_the_boards_architecture()
    {
        if (OperatingSystem.IsWindows())
            return;
        await using var sim = SimMount.Start(ArmBoard, mpyCrossOnPath: () => ExternalMpyCross.TryFind(_mpyCross.Path));
        sim.Dir.Write("fast.py", Source);
        sim.Dir.Write("plain.py", "def slow(x):\n    return x + 1\n");
        await sim.MountAsync();

        Assert.True(await sim.ExecAsync("import fast"));
        Assert.True(await sim.ExecAsync("import plain"));

        // The board loaded mpy-cross's output (its header names armv7emsp, which the board checks).
        int mpyLength = 4 + Source.Length;
        Assert.Contains($"imported /remote/fast.mpy ({mpyLength} bytes, bytecode,", sim.Console.Output);
        var call = Assert.Single(Calls());
        Assert.Contains("-march=armv7emsp", call);
        // Bytecode stays with the native compiler.
        var plain = new NativeMpyCompiler().Compile("def slow(x):\n    return x + 1\n"u8, "plain.py", CompileOptions.Default);
        Assert.Contains($"imported /remote/plain.mpy ({plain.Mpy!.Length} bytes, bytecode,", sim.Console.Output);
        Assert.Contains(sim.Console.Notices, n => n.Contains("(native code by " + FakeMpyCross.Version + ", -march=armv7emsp)", StringComparison.Ordinal));
        Assert.DoesNotContain(sim.Console.Notices, n => n.Contains("does not compile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_mpy_cross_the_board_gets_the_source_and_one_notice()
    {
        await using var sim = SimMount.Start(ArmBoard, mpyCrossOnPath: () => null);
        sim.Dir.Write("fast.py", Source);
        await sim.MountAsync();

        await sim.ExecAsync("import fast");
        // Each STAT of the source asks auto-mpy again; the notice still comes once per source version.
        Assert.True(await sim.ExecAsync("import os\nprint(os.stat('/remote/fast.py')[6])"));

        Assert.Contains("imported /remote/fast.py", sim.Console.Output);
        Assert.Contains(Source.Length + "\r\n", sim.Console.Output);
        Assert.DoesNotContain("imported /remote/fast.mpy", sim.Console.Output);
        var notice = Assert.Single(sim.Console.Notices, n => n.Contains("fast.py does not compile", StringComparison.Ordinal));
        Assert.Contains("'fast' is decorated with @micropython.native", notice);
        Assert.Contains("no external mpy-cross is available to compile native code", notice);
    }

    [Fact]
    public async Task A_board_without_a_native_architecture_gets_the_source()
    {
        if (OperatingSystem.IsWindows())
            return;
        await using var sim = SimMount.Start(mpyCrossOnPath: () => ExternalMpyCross.TryFind(_mpyCross.Path));
        sim.Dir.Write("fast.py", Source);
        await sim.MountAsync();

        await sim.ExecAsync("import fast");

        Assert.Contains("imported /remote/fast.py", sim.Console.Output);
        Assert.Empty(Calls());
        Assert.Contains(sim.Console.Notices, n => n.Contains("no native architecture", StringComparison.Ordinal));
    }
}
