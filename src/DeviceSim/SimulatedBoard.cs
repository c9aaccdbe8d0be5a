using System.IO.Pipelines;
using Mpyd.DeviceSim.Board;
using Mpyd.DeviceSim.Execution;
using Mpyd.DeviceSim.FileSystem;
using Mpyd.DeviceSim.Link;
using Mpyd.DeviceSim.Mount;
using Mpyd.DeviceSim.Repl;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim;

/// <summary>
/// A byte-level stand-in for a MicroPython board on a serial link: friendly and raw REPL,
/// raw-paste, soft reboot, interrupts, a small documented subset of Python (src/DeviceSim/README.md),
/// imports through its flash or the mpyd mount, and the mount client of our board program.
/// One link at a time; state (flash, and until a soft reboot globals and mounts) survives between links.
/// </summary>
public sealed class SimulatedBoard
{
    private readonly SemaphoreSlim _cpu = new(1, 1);
    private readonly object _logGate = new();
    private readonly List<MountRequestLogEntry> _log = [];
    private readonly BoardRuntime _runtime;
    private readonly ReplEngine _repl;
    private int _requestCount;
    private int _running;
    private bool _booted;

    public SimulatedBoard(SimulatedBoardOptions? options = null)
    {
        Options = options ?? new SimulatedBoardOptions();
        Options.Validate();
        TimeProvider = Options.TimeProvider ?? TimeProvider.System;
        Flash = new FlashFileSystem(Options.FlashCapacity);
        _runtime = new BoardRuntime(this);
        _repl = new ReplEngine(this, _runtime);
        Files = new BoardFiles(this);
    }

    public SimulatedBoardOptions Options { get; }

    /// <summary>The board's own storage ("/", "/lib"); fill it before or between runs.</summary>
    public FlashFileSystem Flash { get; }

    /// <summary>File calls made on the board as a program would make them (through /remote when mounted).</summary>
    public BoardFiles Files { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>Soft reboots so far (any cause).</summary>
    public int SoftRebootCount { get; private set; }

    /// <summary>Hard resets so far (machine.reset()).</summary>
    public int HardResetCount => _repl.HardResetCount;

    /// <summary>True while /remote is mounted.</summary>
    public bool IsMounted => _runtime.IsMounted;

    /// <summary>True when the REPL is in raw mode.</summary>
    public bool IsRawRepl => _repl.IsRaw;

    /// <summary>Every mount request the board has sent, in order.</summary>
    public IReadOnlyList<MountRequestLogEntry> MountLog
    {
        get
        {
            lock (_logGate)
                return [.. _log];
        }
    }

    internal int RequestCount
    {
        get
        {
            lock (_logGate)
                return _requestCount;
        }
    }

    internal BoardLink? CurrentLink { get; private set; }

    internal BoardRuntime Runtime => _runtime;

    internal int LogRequest(RemoteFsRequest request)
    {
        lock (_logGate)
        {
            _requestCount++;
            _log.Add(new MountRequestLogEntry(_requestCount, request));
            return _requestCount;
        }
    }

    /// <summary>Forgets the mount log (the request numbering continues).</summary>
    public void ClearMountLog()
    {
        lock (_logGate)
            _log.Clear();
    }

    internal void OnSoftReboot() => SoftRebootCount++;

    /// <summary>
    /// Runs the board on <paramref name="link"/> until the link closes or the token is cancelled.
    /// Applies <see cref="SimulatedBoardOptions.Link"/> and the byte faults of
    /// <see cref="SimulatedBoardOptions.Faults"/> when set. Nothing is printed on connect (the boot
    /// output went out before the host was listening), except what a blocking main.py does later.
    /// </summary>
    public async Task RunAsync(IDuplexPipe link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (Interlocked.Exchange(ref _running, 1) == 1)
            throw new InvalidOperationException("the simulated board is already attached to a link");
        SimulatedLink? wrapper = null;
        try
        {
            if (Options.Link is not null || Options.Faults.HasByteFaults)
                link = wrapper = new SimulatedLink(link, Options.Link, Options.Faults, TimeProvider);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // A main.py still running from power-on already takes Ctrl-C as an interrupt.
            var input = new BoardInput { InterruptChar = !_booted && Options.MainBlocksForever ? 3 : -1 };
            var output = new BoardOutput(link.Output, Options.ConvertLfToCrLf);
            var pump = input.PumpAsync(link.Input, stop.Token);
            try
            {
                await _cpu.WaitAsync(stop.Token).ConfigureAwait(false);
                CurrentLink = new BoardLink(input, output);
                _cpu.Release();
                await LoopAsync(input, output, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await pump.ConfigureAwait(false);
                await _cpu.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                CurrentLink = null;
                _cpu.Release();
                await output.CloseAsync().ConfigureAwait(false);
                await link.Input.CompleteAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (wrapper is not null)
                await wrapper.DisposeAsync().ConfigureAwait(false);
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task LoopAsync(BoardInput input, BoardOutput output, CancellationToken ct)
    {
        if (!_booted)
        {
            _booted = true;
            // Power-on: boot.py and main.py ran before anyone listened; a blocking main.py is still running.
            if (Options.MainBlocksForever && !await WithCpuAsync(async () =>
                {
                    await _repl.RunMainAsync(ct, printOutput: false).ConfigureAwait(false);
                    output.Repl(Options.Banner + "\r\n" + (Options.HelpLine ? "Type \"help()\" for more information.\r\n" : "") + ">>> ");
                    await output.FlushAsync(ct).ConfigureAwait(false);
                }).ConfigureAwait(false))
                return;
        }
        while (!input.IsFinished && !output.Closed)
        {
            await input.WaitAsync(ct).ConfigureAwait(false);
            var alive = await WithCpuAsync(async () =>
            {
                input.TakeInterrupt(); // idle: a stray interrupt flag means nothing
                while (input.TryRead(out var b))
                    await _repl.HandleByteAsync(b, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            if (!alive)
                return;
        }
    }

    /// <summary>Runs REPL work holding the CPU; false when the link has closed under it.</summary>
    private async Task<bool> WithCpuAsync(Func<Task> work)
    {
        await _cpu.WaitAsync().ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
            return true;
        }
        catch (LinkClosedException)
        {
            return false;
        }
        catch (BoardHungException)
        {
            _repl.Hang();
            return true;
        }
        finally
        {
            _cpu.Release();
        }
    }

    /// <summary>
    /// Runs work on the board as code would run (holding its CPU, Ctrl-C enabled), for the test APIs.
    /// Python errors come back as <see cref="SimulatedBoardException"/>.
    /// </summary>
    internal async Task<T> RunCodeAsync<T>(Func<BoardRuntime, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        await _cpu.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_repl.IsDead)
                throw new TimeoutException("the simulated board has stopped answering");
            var input = CurrentLink?.Input;
            if (input is not null)
                input.InterruptChar = _runtime.KbdIntrChar;
            try
            {
                var result = await work(_runtime, cancellationToken).ConfigureAwait(false);
                if (CurrentLink is { } link)
                    await link.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            finally
            {
                if (input is not null)
                    input.InterruptChar = -1;
            }
        }
        catch (PyException e)
        {
            throw new SimulatedBoardException(e.TypeName, e.PyMessage, e.Errno);
        }
        catch (SoftResetException)
        {
            if (CurrentLink is { } link)
            {
                await _repl.SoftRebootAsync(cancellationToken).ConfigureAwait(false);
                await link.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _runtime.Reset();
                OnSoftReboot();
            }
            throw new SimulatedBoardException("SystemExit", "the board soft-reset", null);
        }
        catch (BoardHungException)
        {
            _repl.Hang();
            throw new TimeoutException("the simulated board has stopped answering");
        }
        catch (LinkClosedException)
        {
            throw new IOException("the link to the host is closed");
        }
        finally
        {
            _cpu.Release();
        }
    }

    /// <summary>
    /// Imports a module as `import name` would (probe order, mount traffic, sys.modules cache).
    /// Returns the files loaded (empty for a cached module or a built-in).
    /// </summary>
    public Task<IReadOnlyList<ImportedFile>> ImportAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return RunCodeAsync<IReadOnlyList<ImportedFile>>(async (rt, ct) =>
        {
            rt.LoadedFiles.Clear();
            rt.PrintImports = false;
            try
            {
                await rt.ImportDottedAsync(name, ct).ConfigureAwait(false);
            }
            finally
            {
                rt.PrintImports = true;
            }
            return [.. rt.LoadedFiles];
        }, cancellationToken);
    }

    /// <summary>Mounts the host at /remote as `_mpyd_mount(readAhead, timeoutMs)` does (no traffic).</summary>
    public Task MountAsync(int readAhead, int timeoutMs, CancellationToken cancellationToken) =>
        RunCodeAsync(async (rt, ct) =>
        {
            await rt.MountRemoteAsync(readAhead, timeoutMs, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>The board's current directory (os.getcwd()).</summary>
    public Task<string> GetCwdAsync(CancellationToken cancellationToken) =>
        RunCodeAsync((rt, _) => ValueTask.FromResult(rt.GetCwd()), cancellationToken);
}
