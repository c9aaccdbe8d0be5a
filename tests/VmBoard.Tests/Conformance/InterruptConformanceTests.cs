namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// A Ctrl-C that reaches the board while it waits for the host's ack (kbd_intr off): both boards
/// keep it, finish the request, and raise KeyboardInterrupt afterwards (docs/board-program.md).
/// </summary>
public sealed class InterruptConformanceTests
{
    private sealed record Outcome(string Stderr, string After, IReadOnlyList<string> Requests);

    private static async Task<Outcome> RunAsync(BoardKind kind, string interrupted)
    {
        var dir = Directory.CreateTempSubdirectory("mpyd-conformance-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "m.txt"), "data");
            File.WriteAllText(Path.Combine(dir, "m.py"), "X = 5\n");
            await using var board = ConformanceBoard.Start(kind);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            CtrlCBeforeAckTransport? injector = null;
            await using var host = await MountedHost.ConnectAsync(board.DevicePath, dir, Protocol.Board.BoardProgram.DefaultReadAhead, deadline.Token,
                wrapTransport: t => injector = new CtrlCBeforeAckTransport(t));
            (await host.ExecAsync("import os", deadline.Token)).ThrowIfFailed(kind.ToString());
            host.ClearRequests();
            injector!.ArmOnce();
            var result = await host.ExecAsync(interrupted, deadline.Token);
            // The link is still in step: the next command's requests are answered normally.
            var after = await host.ExecAsync("print(os.stat('m.txt')[6])", deadline.Token);
            Assert.True(after.Stderr == "", $"{kind} board after the interrupt:\n{after.Stderr}");
            return new Outcome(result.Stderr, after.StdoutText, host.Requests);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task CtrlC_before_the_ack_raises_KeyboardInterrupt_after_the_reply()
    {
        var vm = await RunAsync(BoardKind.Vm, "os.stat('m.txt')");
        var sim = await RunAsync(BoardKind.Sim, "os.stat('m.txt')");
        Assert.Contains("KeyboardInterrupt", vm.Stderr, StringComparison.Ordinal);
        Assert.Contains("KeyboardInterrupt", sim.Stderr, StringComparison.Ordinal);
        Assert.Equal("4\r\n", vm.After);
        Assert.Equal("4\r\n", sim.After);
        Assert.Equal(["STAT /m.txt", "STAT /m.txt"], vm.Requests);
        Assert.Equal(vm.Requests, sim.Requests);
    }

    [Fact]
    public async Task CtrlC_during_an_import_stat_is_swallowed_like_any_stat_error()
    {
        // The import machinery treats any exception from a file system's stat as "not there" and goes on.
        var vm = await RunAsync(BoardKind.Vm, "import m");
        var sim = await RunAsync(BoardKind.Sim, "import m");
        Assert.True(vm.Stderr == "" && sim.Stderr == "", $"VM:\n{vm.Stderr}\n{string.Join("; ", vm.Requests)}\nsim:\n{sim.Stderr}\n{string.Join("; ", sim.Requests)}");
        Assert.Equal(["STAT /m", "STAT /m.py", "OPEN_READ /m.py 2048", "CLOSE 0", "STAT /m.txt"], vm.Requests);
        Assert.Equal(vm.Requests, sim.Requests);
    }
}
