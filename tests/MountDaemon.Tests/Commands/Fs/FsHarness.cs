using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Commands.Fs;
using Mpyd.MountDaemon.Tests.TestKit;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

/// <summary>
/// The fs commands against a simulated board in process, through the real BoardFileSystem and the
/// daemon's board session; host files live in their own temp directory (the current directory for
/// relative host paths), apart from the directory a test may mount.
/// </summary>
internal sealed class FsHarness : IAsyncDisposable
{
    private FsHarness(SimMount sim) => Sim = sim;

    public SimMount Sim { get; }
    public TempDir Host { get; } = new();
    public SimulatedBoard Board => Sim.Board;
    public BufferConsole Console => Sim.Console;
    public string? MountPoint { get; private set; }

    public static FsHarness Start(SimulatedBoardOptions? options = null) => new(SimMount.Start(options));

    /// <summary>Mounts the SimMount's directory at /remote (the board's cwd moves there).</summary>
    public async Task MountAsync()
    {
        await Sim.MountAsync();
        MountPoint = "/remote";
    }

    /// <summary>Wraps the board file system of each run (e.g. to take hashlib away).</summary>
    public Func<IBoardFileSystem, IBoardFileSystem> Wrap { get; set; } = fs => fs;

    /// <summary>Runs a step; returns what it printed.</summary>
    public async Task<string> RunAsync(FsStep step)
    {
        var repl = await Sim.Session.PrepareRawReplAsync(SimMount.Timeout());
        var before = Console.Output.Length;
        await FsCommand.RunAsync(step, Wrap(new BoardFileSystem(repl)), new FsContext(MountPoint, Host.Path, "sim"), Console, SimMount.Timeout());
        return Console.Output[before..];
    }

    public Task<string> RunAsync(string command, params string[] paths) => RunAsync(new FsStep(command, paths));

    /// <summary>Runs a step that must fail; returns the error line (without "mpyd: ").</summary>
    public async Task<string> FailAsync(FsStep step)
    {
        var e = await Assert.ThrowsAsync<CommandException>(() => RunAsync(step));
        return e.Message;
    }

    public Task<string> FailAsync(string command, params string[] paths) => FailAsync(new FsStep(command, paths));

    public async ValueTask DisposeAsync()
    {
        await Sim.DisposeAsync();
        Host.Dispose();
    }
}
