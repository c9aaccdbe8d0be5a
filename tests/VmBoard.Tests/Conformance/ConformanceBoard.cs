using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Hosting;

namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>Which board a conformance scenario runs on.</summary>
public enum BoardKind
{
    /// <summary>The real MicroPython WebAssembly VM (tests/vm-board) behind a pseudo-terminal.</summary>
    Vm,

    /// <summary>The simulated board (src/DeviceSim) behind a pseudo-terminal.</summary>
    Sim,
}

/// <summary>
/// A board behind a pseudo-terminal, whichever kind: the host opens <see cref="DevicePath"/> as a
/// serial port in both cases, so the host code under test is byte for byte the same.
/// </summary>
public sealed class ConformanceBoard : IAsyncDisposable
{
    private readonly TestKit.VmBoard? _vm;
    private readonly PseudoTerminalBoardHost? _sim;
    private readonly CancellationTokenSource? _simStop;
    private readonly Task? _simRun;

    private ConformanceBoard(BoardKind kind, TestKit.VmBoard? vm, PseudoTerminalBoardHost? sim, CancellationTokenSource? simStop, Task? simRun)
    {
        Kind = kind;
        _vm = vm;
        _sim = sim;
        _simStop = simStop;
        _simRun = simRun;
    }

    public BoardKind Kind { get; }

    public string DevicePath => _vm?.SlavePath ?? _sim!.DevicePath;

    /// <summary>For failure messages: the VM's byte counts and node's stderr, or the simulated board's mount log.</summary>
    public string Diagnostics => _vm is not null
        ? _vm.Diagnostics
        : "simulated board, mount log: " + string.Join("; ", _sim!.Board.MountLog.Select(e => e.ToString()));

    public static ConformanceBoard Start(BoardKind kind)
    {
        if (kind == BoardKind.Vm)
            return new ConformanceBoard(kind, TestKit.VmBoard.Start(), null, null, null);
        var host = PseudoTerminalBoardHost.Open(new SimulatedBoard());
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => host.RunAsync(stop.Token));
        return new ConformanceBoard(kind, null, host, stop, run);
    }

    public async ValueTask DisposeAsync()
    {
        if (_vm is not null)
            await _vm.DisposeAsync();
        if (_sim is not null)
        {
            await _simStop!.CancelAsync();
            try
            {
                await _simRun!.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // The board stops by cancellation.
            }
            _sim.Dispose();
            _simStop.Dispose();
        }
    }

    public override string ToString() => Kind.ToString();
}
