using Mpyd.DeviceSim.Pty;

namespace Mpyd.DeviceSim.Hosting;

/// <summary>
/// A simulated board behind a pseudo-terminal: serial clients open <see cref="DevicePath"/>
/// (what `mpyd sim --pty` prints) as if it were a USB serial board. Linux and macOS only.
/// </summary>
public sealed class PseudoTerminalBoardHost : IDisposable
{
    private readonly PseudoTerminal _pty;

    private PseudoTerminalBoardHost(SimulatedBoard board, PseudoTerminal pty)
    {
        Board = board;
        _pty = pty;
    }

    /// <exception cref="PlatformNotSupportedException">Not Linux or macOS.</exception>
    public static PseudoTerminalBoardHost Open(SimulatedBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return new PseudoTerminalBoardHost(board, PseudoTerminal.Open());
    }

    public SimulatedBoard Board { get; }

    /// <summary>The device path clients open, e.g. "/dev/pts/3".</summary>
    public string DevicePath => _pty.SlavePath;

    /// <summary>Runs the board until cancelled (clients may close and reopen the device meanwhile).</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Board.RunAsync(StreamLink.FromStream(_pty.Master), cancellationToken);

    public void Dispose() => _pty.Dispose();
}
