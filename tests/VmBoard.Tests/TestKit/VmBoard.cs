using System.Diagnostics;
using System.Text;
using Mpyd.DeviceSim.Pty;

namespace Mpyd.VmBoard.Tests.TestKit;

/// <summary>
/// A real MicroPython (the WebAssembly port, run by tests/vm-board/board.mjs under node) behind a
/// pseudo-terminal, so a host connects to <see cref="SlavePath"/> exactly as to a USB board.
/// Needs node on PATH (or MPYD_NODE) and <c>npm install --prefix tests/vm-board</c>; installs nothing itself.
/// </summary>
public sealed class VmBoard : IAsyncDisposable
{
    /// <summary>The command that installs the VM board's one dependency.</summary>
    public const string InstallCommand = "npm install --prefix tests/vm-board";

    private readonly Process _node;
    private readonly PseudoTerminal _pty;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _toBoard;
    private readonly Task _fromBoard;
    private readonly StringBuilder _stderr = new();
    private long _bytesToBoard;
    private long _bytesFromBoard;
    private int _disposed;

    private VmBoard(Process node, PseudoTerminal pty)
    {
        _node = node;
        _pty = pty;
        _node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stderr)
                _stderr.AppendLine(e.Data);
        };
        _node.BeginErrorReadLine();
        _fromBoard = PumpAsync(_node.StandardOutput.BaseStream, _pty.Master, n => Interlocked.Add(ref _bytesFromBoard, n), _stop.Token);
        _toBoard = PumpAsync(_pty.Master, _node.StandardInput.BaseStream, n => Interlocked.Add(ref _bytesToBoard, n), _stop.Token);
    }

    /// <summary>The serial device to open, e.g. "/dev/pts/4". Do not set DTR/RTS on it (a pty has no modem lines).</summary>
    public string SlavePath => _pty.SlavePath;

    /// <summary>Byte counts of both directions and what node wrote to stderr so far (for failure messages).</summary>
    public string Diagnostics
    {
        get
        {
            var counts = $"bytes host->board {Interlocked.Read(ref _bytesToBoard)}, board->host {Interlocked.Read(ref _bytesFromBoard)}"
                + $", node {(_node.HasExited ? $"exited {_node.ExitCode}" : "running")}";
            lock (_stderr)
                return $"{counts}\n{_stderr}";
        }
    }

    /// <summary>The directory holding board.mjs: MPYD_VM_BOARD_DIR, else tests/vm-board above the test binaries.</summary>
    public static string FindBoardDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MPYD_VM_BOARD_DIR");
        if (!string.IsNullOrEmpty(fromEnv))
            return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "vm-board");
            if (File.Exists(Path.Combine(candidate, "board.mjs")))
                return candidate;
        }
        throw new InvalidOperationException(
            $"tests/vm-board/board.mjs not found above {AppContext.BaseDirectory} (set MPYD_VM_BOARD_DIR)");
    }

    /// <summary>Starts node with the VM board and bridges it to a new pseudo-terminal.</summary>
    /// <param name="boardDirectory">The folder with board.mjs; default <see cref="FindBoardDirectory"/>.</param>
    /// <exception cref="InvalidOperationException">The VM board's npm dependency is not installed, or node is missing.</exception>
    public static VmBoard Start(string? boardDirectory = null)
    {
        var dir = boardDirectory ?? FindBoardDirectory();
        var package = Path.Combine(dir, "node_modules", "@micropython", "micropython-webassembly-pyscript", "micropython.mjs");
        if (!File.Exists(package))
            throw new InvalidOperationException(
                $"the VM board needs its npm package: run `{InstallCommand}` in the repository root (missing {package})");

        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("MPYD_NODE") ?? "node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        info.ArgumentList.Add(Path.Combine(dir, "board.mjs"));

        var pty = PseudoTerminal.Open();
        Process node;
        try
        {
            node = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            pty.Dispose();
            throw new InvalidOperationException($"cannot run node ({ex.Message}); install Node.js 20+ or set MPYD_NODE", ex);
        }
        catch
        {
            pty.Dispose();
            throw;
        }
        return new VmBoard(node, pty);
    }

    /// <summary>Unplugs the board: stops node and closes the pseudo-terminal.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            _node.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await _node.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        _pty.Dispose();
        await Task.WhenAll(_toBoard, _fromBoard).ConfigureAwait(false);
        _node.Dispose();
        _stop.Dispose();
    }

    // Copies until the source ends or we stop; errors after a stop (closed pipes) are expected.
    private static async Task PumpAsync(Stream from, Stream to, Action<int> count, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                    return;
                await to.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                await to.FlushAsync(cancellationToken).ConfigureAwait(false);
                count(n);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Expected once stopped; otherwise the counts in Diagnostics show where bytes stopped.
        }
    }
}
