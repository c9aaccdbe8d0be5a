using System.IO.Pipelines;
using Mpyd.Compiler;
using Mpyd.DeviceSim;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;

namespace Mpyd.MountDaemon.Tests.TestKit;

/// <summary>
/// The daemon's board session connected to a simulated board in process, over the same
/// in-memory link "mpyd connect sim" uses; the compile cache lives in a private temp folder.
/// </summary>
internal sealed class SimMount : IAsyncDisposable
{
    private readonly Task _boardTask;
    private readonly CancellationTokenSource _stop = new();
    private Pipe? _keyboard;
    private Task? _repl;

    private SimMount(SimulatedBoard board, BoardSession session, BufferConsole console, TempDir dir, string cacheDir, Task boardTask)
    {
        Board = board;
        Session = session;
        Console = console;
        Dir = dir;
        CacheDir = cacheDir;
        _boardTask = boardTask;
    }

    public SimulatedBoard Board { get; }
    public BoardSession Session { get; }
    public BufferConsole Console { get; }
    public TempDir Dir { get; }
    public string CacheDir { get; }

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <param name="mpyCrossOnPath">Stands in for the PATH search for mpy-cross (default: the real PATH).</param>
    public static SimMount Start(SimulatedBoardOptions? boardOptions = null, IMpyCompiler? compiler = null, TempDir? dir = null,
        Action<MountSettings>? configure = null, Func<IMpyCompiler?>? mpyCrossOnPath = null)
    {
        var board = new SimulatedBoard(boardOptions);
        var (host, boardEnd) = InMemoryLink.Create("sim");
        var boardTask = Task.Run(() => board.RunAsync(boardEnd, CancellationToken.None));
        var cacheDir = Directory.CreateTempSubdirectory("mpyd-cache-").FullName;
        var settings = new MountSettings { CacheDirectory = cacheDir, HelperTimeoutMs = 5000, RequestTimeoutMs = 2000, RemountWaitMs = 1000 };
        configure?.Invoke(settings);
        var console = new BufferConsole();
        var session = new BoardSession(new BoardConnection(host), console, settings,
            new CompilerProvider(settings, () => compiler ?? new NativeMpyCompiler(), mpyCrossOnPath));
        return new SimMount(board, session, console, dir ?? new TempDir(), cacheDir, boardTask);
    }

    public Task MountAsync(bool autoMpy = true, bool unsafeLinks = false, bool writeMpy = false) =>
        Session.MountAsync(new MountStep(Dir.Path, autoMpy, unsafeLinks, writeMpy), Timeout());

    public Task<bool> ExecAsync(string code) => Session.ExecAsync(code, follow: true, Timeout());

    /// <summary>
    /// Starts the REPL passthrough (which also serves the board's requests) with a keyboard the test
    /// types on, and waits for the friendly prompt: until then mpyd is still talking to the raw REPL,
    /// and a program the test runs on the board meanwhile would swallow those bytes (as a real board does).
    /// </summary>
    public async Task StartReplAsync(ReplStep? options = null)
    {
        _keyboard = new Pipe();
        var before = Console.Output.Length;
        _repl = Session.RunReplAsync(_keyboard.Reader.AsStream(), options ?? new ReplStep(), _stop.Token);
        await Console.WaitForAsync(">>> ", after: before);
    }

    /// <summary>
    /// Waits until mpyd has mounted again after a reboot. In the REPL mpyd says so only once the
    /// board is back at its prompt, so the test may drive the board at once.
    /// </summary>
    public Task WaitForRemountAsync() => Console.WaitForAsync("mounted at /remote again");

    public async Task TypeAsync(string keys)
    {
        await _keyboard!.Writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(keys));
    }

    /// <summary>Leaves the REPL the way a user does (Ctrl-]).</summary>
    public async Task StopReplAsync()
    {
        await TypeAsync("\x1d");
        await _repl!.WaitAsync(Deadline);
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(Deadline).Token;

    public async ValueTask DisposeAsync()
    {
        // A test that failed half-way may have left the REPL running: stop it before unmounting.
        await _stop.CancelAsync();
        if (_repl is not null)
            await _repl.ContinueWith(_ => { });
        try
        {
            if (Session.IsMounted)
                await Session.UnmountAsync(Timeout());
        }
        catch (DeviceException)
        {
        }
        await Session.DisposeAsync();
        await _boardTask.WaitAsync(Deadline).ContinueWith(_ => { });
        Dir.Dispose();
        try
        {
            Directory.Delete(CacheDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
