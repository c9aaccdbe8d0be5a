using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>A soft reboot makes the board forget the mount; the daemon notices any reboot and mounts again.</summary>
public class RemountTests
{
    private static CancellationToken T => SimMount.Timeout();

    [Fact]
    public async Task Ctrl_D_in_the_repl_reboots_the_board_and_the_mount_comes_back()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("x.txt", "still here");
        await sim.MountAsync();
        await sim.StartReplAsync();
        var reboots = sim.Board.SoftRebootCount; // mpyd soft-resets once before its first action

        await sim.TypeAsync("\x04");
        await sim.WaitForRemountAsync();

        Assert.Equal(reboots + 1, sim.Board.SoftRebootCount);
        Assert.True(sim.Board.IsMounted);
        Assert.Equal("still here"u8.ToArray(), await sim.Board.Files.ReadAllBytesAsync("/remote/x.txt", T));
        await sim.StopReplAsync();
        // Banners: one when the REPL opened, one from the reboot; the one after the remount is not shown.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(sim.Console.Output, "Type \"help\\(\\)\"").Count);
    }

    [Fact]
    public async Task A_reboot_started_by_a_program_is_noticed_before_the_next_command()
    {
        await using var sim = SimMount.Start();
        sim.Dir.Write("m.py", "X = 1\n");
        await sim.MountAsync(autoMpy: false);
        var reboots = sim.Board.SoftRebootCount;

        Assert.True(await sim.ExecAsync("import machine; machine.soft_reset()"));
        Assert.True(await sim.ExecAsync("import m"));

        Assert.Equal(reboots + 1, sim.Board.SoftRebootCount);
        Assert.Contains("imported /remote/m.py", sim.Console.Output);
        Assert.Contains(sim.Console.Notices, n => n.Contains("mounted at /remote again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Files_the_board_was_writing_are_committed_at_a_reboot()
    {
        await using var sim = SimMount.Start();
        await sim.MountAsync();
        await sim.StartReplAsync();
        var file = await sim.Board.Files.OpenAsync("/remote/log.txt", "w", T);
        await file.WriteAsync("line 1\n"u8.ToArray(), T);

        await sim.TypeAsync("\x04");
        await sim.WaitForRemountAsync();
        await sim.StopReplAsync();

        Assert.Equal("line 1\n", sim.Dir.Read("log.txt"));
    }

    [Fact]
    public async Task A_main_py_that_never_returns_gets_a_warning_and_the_mount_returns_after_Ctrl_C()
    {
        await using var sim = SimMount.Start(new SimulatedBoardOptions { MainBlocksForever = true, MainOutput = "main.py running\r\n" });
        await sim.MountAsync();
        await sim.StartReplAsync();

        await sim.TypeAsync("\x04");
        await sim.Console.WaitForAsync("main.py still running?");
        Assert.False(sim.Board.IsMounted);

        await sim.TypeAsync("\x03");
        await sim.WaitForRemountAsync();
        Assert.True(sim.Board.IsMounted);
        await sim.StopReplAsync();
    }
}
