using Mpyd.Compiler;
using Mpyd.MountDaemon.Tests.TestKit;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>The daemon and the simulated board, end to end: mount, then imports through /remote.</summary>
public class MountImportTests
{
    [Fact]
    public async Task Import_of_a_module_reads_the_source_from_the_host_directory()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("blink.py", "def on():\n    return 1\n");
        await sim.MountAsync(autoMpy: false);
        sim.Board.ClearMountLog();

        Assert.True(await sim.ExecAsync("import blink"));

        Assert.Contains("imported /remote/blink.py (23 bytes, source,", sim.Console.Output);
        Assert.Equal(
            ["Stat /blink", "Stat /blink.py", "OpenRead /blink.py", "Close"],
            sim.Board.MountLog.Select(e => e.Path is null ? e.Op.ToString() : $"{e.Op} {e.Path}"));
        Assert.Contains("Local directory " + sim.Dir.Path + " is mounted at /remote", sim.Console.Notices);
    }

    [Fact]
    public async Task Import_of_a_package_loads_its_init_and_submodule()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("pkg/__init__.py", "X = 1\n");
        sim.Dir.Write("pkg/sub/mod.py", "Y = 2\n");
        await sim.MountAsync(autoMpy: false);

        Assert.True(await sim.ExecAsync("import pkg"));
        Assert.True(await sim.ExecAsync("import pkg.sub.mod"));

        Assert.Contains("imported /remote/pkg/__init__.py (6 bytes, source,", sim.Console.Output);
        Assert.Contains("imported /remote/pkg/sub/mod.py (6 bytes, source,", sim.Console.Output);
    }

    [Fact]
    public async Task Auto_mpy_serves_bytecode_compiled_on_the_host()
    {
        await using var sim = SimMount.Start();
        var source = "def greet(name):\n    return 'hi ' + name\n";
        sim.Dir.Write("greet.py", source);
        await sim.MountAsync();
        sim.Board.ClearMountLog();

        Assert.True(await sim.ExecAsync("import greet"));

        var expected = new NativeMpyCompiler().Compile(System.Text.Encoding.UTF8.GetBytes(source), "greet.py", CompileOptions.Default);
        Assert.True(expected.Success);
        Assert.Contains($"imported /remote/greet.mpy ({expected.Mpy!.Length} bytes, bytecode,", sim.Console.Output);
        // The .py stat is answered "no such file", so the board falls through to the .mpy.
        Assert.Equal(
            ["Stat /greet", "Stat /greet.py", "Stat /greet.mpy", "OpenRead /greet.mpy"],
            sim.Board.MountLog.Take(4).Select(e => $"{e.Op} {e.Path}"));
        Assert.Contains(sim.Console.Notices, n => n.StartsWith("auto-mpy: on", StringComparison.Ordinal));
        // Nothing is written into the mounted directory unless --write-mpy asks for it.
        Assert.False(sim.Dir.Exists("greet.mpy"));
    }

    [Fact]
    public async Task A_source_that_does_not_compile_is_served_as_source_with_one_notice()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("broken.py", "def f(:\n    pass\n");
        await sim.MountAsync();

        Assert.True(await sim.ExecAsync("import broken"));
        Assert.True(await sim.ExecAsync("import sys"));

        Assert.Contains("imported /remote/broken.py", sim.Console.Output);
        var notice = Assert.Single(sim.Console.Notices, n => n.Contains("broken.py does not compile", StringComparison.Ordinal));
        Assert.Contains("SyntaxError", notice);
    }

    [Fact]
    public async Task Write_mpy_leaves_the_compiled_file_beside_the_source()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("tool.py", "A = [1, 2, 3]\n");
        await sim.MountAsync(writeMpy: true);

        Assert.True(await sim.ExecAsync("import tool"));

        var written = File.ReadAllBytes(Path.Combine(sim.Dir.Path, "tool.mpy"));
        Assert.Equal((byte)'M', written[0]);
        Assert.Equal(6, written[1]);
    }

    [Fact]
    public async Task A_real_mpy_on_disk_is_served_as_is_and_never_shadowed()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("lib.py", "V = 1\n");
        var own = new NativeMpyCompiler().Compile("V = 2\n"u8, "lib.py", CompileOptions.Default).Mpy!;
        sim.Dir.Write("lib.mpy", own);
        await sim.MountAsync();

        Assert.True(await sim.ExecAsync("import lib"));

        // MicroPython prefers .py over .mpy; with a real .mpy present mpyd does not interfere.
        Assert.Contains("imported /remote/lib.py (6 bytes, source,", sim.Console.Output);
        Assert.Equal(own, File.ReadAllBytes(Path.Combine(sim.Dir.Path, "lib.mpy")));
    }

    [Fact]
    public async Task A_board_that_cannot_load_mpy_gets_sources_and_an_explanation()
    {
        await using var sim = SimMount.Start(new Mpyd.DeviceSim.SimulatedBoardOptions { MpyVersion = 0 });
        sim.Dir.Write("m.py", "X = 1\n");
        await sim.MountAsync();

        Assert.True(await sim.ExecAsync("import m"));

        Assert.Contains("imported /remote/m.py", sim.Console.Output);
        Assert.Contains(sim.Console.Notices, n => n.Contains("auto-mpy: off, the board cannot load .mpy files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_board_with_another_mpy_version_gets_sources_and_an_explanation()
    {
        await using var sim = SimMount.Start(new Mpyd.DeviceSim.SimulatedBoardOptions { MpyVersion = 5 });
        sim.Dir.Write("m.py", "X = 1\n");
        await sim.MountAsync();

        Assert.True(await sim.ExecAsync("import m"));

        Assert.Contains("imported /remote/m.py", sim.Console.Output);
        Assert.Contains(sim.Console.Notices, n => n.Contains("loads .mpy version 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_module_larger_than_the_read_ahead_costs_one_read_per_chunk()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("big.py", "# " + new string('x', 5000) + "\n");
        await sim.MountAsync(autoMpy: false);
        sim.Board.ClearMountLog();

        Assert.True(await sim.ExecAsync("import big"));

        // 5003 bytes with 2048-byte read-ahead: 2048 (with the open) + 2048 + 907 (short read = end of file).
        Assert.Equal(1, sim.Board.MountLog.Count(e => e.Op == RemoteFsOp.OpenRead));
        Assert.Equal(2, sim.Board.MountLog.Count(e => e.Op == RemoteFsOp.Read));
    }

    [Fact]
    public async Task Exec_without_follow_returns_once_the_board_has_the_code()
    {
        // Without a mount: a program left running with a mount would make requests that nobody
        // reads until the next command (as with mpremote).
        await using var sim = SimMount.Start();

        Assert.True(await sim.Session.ExecAsync("import time; time.sleep(30)", follow: false, SimMount.Timeout()));

        // The board is still sleeping; the next command interrupts it and goes on.
        Assert.True(await sim.ExecAsync("print(6 * 7)"));
        Assert.EndsWith("42\r\n", sim.Console.Output);
    }
}
