using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Link;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Tests.TestKit;
using Mpyd.Protocol.Device;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>
/// One test per fault the simulated board can inject: the daemon either recovers or stops with
/// one clear line, and no file in the mounted directory is damaged.
/// </summary>
public class FaultTests
{
    private static CancellationToken T => SimMount.Timeout();

    private static SimMount StartWith(FaultPlan faults, TempDir? dir = null) =>
        SimMount.Start(new SimulatedBoardOptions { Faults = faults }, dir: dir, configure: s =>
        {
            // The host gives up on a broken request well before the board does, so a request the
            // board starts after its own timeout never lands in the host's wait for the old one.
            s.BoardTimeoutMs = 1500;
            s.RequestTimeoutMs = 400;
            s.HelperTimeoutMs = 2000;
        });

    private static TempDir Project()
    {
        var dir = new TempDir();
        dir.Write("app.py", "import os\nVALUE = 42\n");
        dir.Write("data.bin", Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray());
        dir.Write("notes.txt", "keep me\n");
        // The rest of a reply the board gave up on is read by its REPL as typed input: printable
        // bytes keep that harmless (0x03/0x04 in it would interrupt or reboot at random).
        dir.Write("printable.bin", Enumerable.Range(0, 20_000).Select(i => (byte)(0x20 + i % 0x5F)).ToArray());
        return dir;
    }

    [Fact]
    public async Task Disconnect_during_an_import_fails_with_one_clear_line_and_damages_nothing()
    {
        using var dir = Project();
        var before = dir.Snapshot();
        await using var sim = StartWith(FaultPlan.DisconnectAtRequestNumber(2), new TempDirBase(dir.Path));
        await sim.MountAsync(autoMpy: false);

        var error = await Assert.ThrowsAsync<DeviceDisconnectedException>(() => sim.ExecAsync("import app"));
        await sim.Session.AbandonMountAsync("the board disconnected");

        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Failure, ErrorReporter.Report(error, stderr, verbose: false));
        Assert.StartsWith("mpyd: sim disconnected while", stderr.ToString());
        Assert.Single(stderr.ToString().TrimEnd().Split('\n'));
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public async Task Disconnect_while_the_board_writes_keeps_the_target_and_the_partial_data_apart()
    {
        using var dir = Project();
        // Requests: 1 OPEN, 2 WRITE, 3 (the CLOSE) never arrives: the link is cut.
        await using var sim = StartWith(FaultPlan.DisconnectAtRequestNumber(3), new TempDirBase(dir.Path));
        await sim.MountAsync();
        await sim.StartReplAsync();

        var file = await sim.Board.Files.OpenAsync("/remote/notes.txt", "w", T);
        await file.WriteAsync("half-writ"u8.ToArray(), T);
        await Assert.ThrowsAnyAsync<Exception>(() => file.CloseAsync(T));
        await Assert.ThrowsAsync<DeviceDisconnectedException>(() => sim.StopReplAsync());
        await sim.Session.AbandonMountAsync("the board disconnected");

        Assert.Equal("keep me\n", dir.Read("notes.txt"));
        Assert.Equal("half-writ", dir.Read("notes.txt.mpyd-partial"));
        Assert.Contains(sim.Console.Notices, n => n.Contains("notes.txt.mpyd-partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnect_after_a_byte_count_in_the_middle_of_a_reply_fails_cleanly()
    {
        using var dir = Project();
        var offset = await MeasureBytesToBoardBeforeReadAsync(dir);
        var before = dir.Snapshot();
        await using var sim = StartWith(FaultPlan.DisconnectAfterBytes(LinkDirection.ToBoard, offset + 3000), new TempDirBase(dir.Path));
        await sim.MountAsync();
        await sim.StartReplAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => sim.Board.Files.ReadAllBytesAsync("/remote/data.bin", T));
        await sim.StopReplAsync().ContinueWith(_ => { }); // the REPL may or may not have seen the end of the link yet

        var error = await Assert.ThrowsAnyAsync<DeviceException>(() => sim.ExecAsync("import app"));
        Assert.Contains("sim", error.Message);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public async Task A_soft_reset_in_the_middle_of_a_request_is_survived_and_the_mount_returns()
    {
        using var dir = Project();
        await using var sim = StartWith(FaultPlan.SoftResetAtRequestNumber(2), new TempDirBase(dir.Path));
        await sim.MountAsync(autoMpy: false);
        var before = dir.Snapshot();

        await sim.ExecAsync("import app"); // the board reboots half-way through
        Assert.True(await sim.ExecAsync("import app"));

        Assert.Contains("imported /remote/app.py", sim.Console.Output);
        Assert.Contains(sim.Console.Notices, n => n.Contains("mounted at /remote again", StringComparison.Ordinal));
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public async Task A_board_that_stops_answering_is_left_with_a_clear_message_after_the_user_gives_up()
    {
        using var dir = Project();
        var before = dir.Snapshot();
        await using var sim = StartWith(FaultPlan.HangAtRequestNumber(1), new TempDirBase(dir.Path));
        await sim.MountAsync(autoMpy: false);

        // A user program may legitimately run for ever, so only the user ends the wait (Ctrl-C).
        using var userGivesUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var interrupted = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => sim.Session.ExecAsync("import app", follow: true, userGivesUp.Token));
        // Unmounting needs the raw REPL, which a hung board never gives back: a timeout, reported in one line.
        var error = await Assert.ThrowsAnyAsync<DeviceException>(() => sim.Session.UnmountAsync(T));
        await sim.Session.AbandonMountAsync("the board stopped answering");

        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Interrupted, ErrorReporter.Report(interrupted, stderr, verbose: false));
        Assert.Equal(ExitCodes.Failure, ErrorReporter.Report(error, stderr, verbose: false));
        Assert.Equal(2, stderr.ToString().TrimEnd().Split('\n').Length);
        Assert.Equal(before, dir.Snapshot());
    }

    [Fact]
    public async Task A_dropped_byte_in_a_reply_times_out_on_the_board_and_a_soft_reboot_recovers()
    {
        using var dir = Project();
        var offset = await MeasureBytesToBoardBeforeReadAsync(dir);
        await using var sim = StartWith(FaultPlan.DropByte(LinkDirection.ToBoard, offset + 1000), new TempDirBase(dir.Path));
        await sim.MountAsync();
        await sim.StartReplAsync();

        var error = await Assert.ThrowsAsync<SimulatedBoardException>(() => sim.Board.Files.ReadAllBytesAsync("/remote/printable.bin", T));
        Assert.Equal(110, error.Errno); // ETIMEDOUT: the board's reply wait ran out
        // The rest of that reply is still in the board's input, so the protocol is out of step until
        // a reboot: Ctrl-C clears the line it landed on, Ctrl-D reboots, mpyd mounts again.
        await sim.TypeAsync("\x03\x04");
        await sim.WaitForRemountAsync();

        var expected = File.ReadAllBytes(Path.Combine(dir.Path, "printable.bin"));
        Assert.Equal(expected, await sim.Board.Files.ReadAllBytesAsync("/remote/printable.bin", T));
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task A_corrupted_reply_sync_byte_fails_one_request_on_the_board_and_the_next_one_works()
    {
        using var dir = Project();
        var offset = await MeasureBytesToBoardBeforeReadAsync(dir);
        // The first byte the host sends after the REPL is up is the 0x18 that starts the reply to the board's first request.
        await using var sim = StartWith(FaultPlan.CorruptByte(LinkDirection.ToBoard, offset + 1, 0x01), new TempDirBase(dir.Path));
        await sim.MountAsync();
        await sim.StartReplAsync();

        // The board drops the reply as stray input while it waits for the 0x18, and gives up.
        var error = await Assert.ThrowsAsync<SimulatedBoardException>(() => sim.Board.Files.ReadAllBytesAsync("/remote/notes.txt", T));
        Assert.Equal(110, error.Errno);
        Assert.Equal("keep me\n"u8.ToArray(), await sim.Board.Files.ReadAllBytesAsync("/remote/notes.txt", T));
        await sim.StopReplAsync();
        // The host never lost step: it had the whole request.
        Assert.Equal(0, sim.Session.Connection.DesyncCount);
        Assert.Equal("keep me\n", dir.Read("notes.txt"));
    }

    // The traffic up to the REPL prompt is deterministic, so a fault-free run tells where a byte fault will land.
    private static async Task<long> MeasureBytesToBoardBeforeReadAsync(TempDir dir)
    {
        await using var probe = StartWith(FaultPlan.None, new TempDirBase(dir.Path));
        await probe.MountAsync();
        await probe.StartReplAsync();
        var offset = probe.Session.Connection.BytesOut;
        await probe.StopReplAsync();
        return offset;
    }
}
