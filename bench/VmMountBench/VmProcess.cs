using System.Diagnostics;
using Mpyd.DeviceSim.Pty;

namespace Mpyd.Bench.VmMount;

/// <summary>
/// The VM board (tests/vm-board/board.mjs: the real MicroPython WebAssembly VM under node) bridged
/// to a pseudo-terminal, so mpyd opens it as a serial port. Needs node and
/// <c>npm install --prefix tests/vm-board</c>.
/// </summary>
internal sealed class VmProcess : IAsyncDisposable
{
    private readonly Process _node;
    private readonly PseudoTerminal _pty;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _toBoard;
    private readonly Task _fromBoard;
    private readonly System.Text.StringBuilder _stderr = new();

    private VmProcess(Process node, PseudoTerminal pty)
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
        _fromBoard = PumpAsync(_node.StandardOutput.BaseStream, _pty.Master, _stop.Token);
        _toBoard = PumpAsync(_pty.Master, _node.StandardInput.BaseStream, _stop.Token);
    }

    public string DevicePath => _pty.SlavePath;

    /// <summary>What node wrote to stderr (for failure messages).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>tests/vm-board above the current directory or the program (or MPYD_VM_BOARD_DIR).</summary>
    public static string FindBoardDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MPYD_VM_BOARD_DIR");
        if (!string.IsNullOrEmpty(fromEnv))
            return fromEnv;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "vm-board");
                if (File.Exists(Path.Combine(candidate, "board.mjs")))
                    return candidate;
            }
        }
        throw new InvalidOperationException("tests/vm-board/board.mjs not found (run from the repository, or set MPYD_VM_BOARD_DIR)");
    }

    public static VmProcess Start(string boardDirectory)
    {
        var package = Path.Combine(boardDirectory, "node_modules", "@micropython", "micropython-webassembly-pyscript", "micropython.mjs");
        if (!File.Exists(package))
            throw new InvalidOperationException("the VM board needs its npm package: run `npm install --prefix tests/vm-board`");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("MPYD_NODE") ?? "node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = boardDirectory,
        };
        info.ArgumentList.Add(Path.Combine(boardDirectory, "board.mjs"));
        var pty = PseudoTerminal.Open();
        try
        {
            return new VmProcess(Process.Start(info) ?? throw new InvalidOperationException("node did not start"), pty);
        }
        catch
        {
            pty.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _node.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await _node.WaitForExitAsync(deadline.Token);
        _pty.Dispose();
        await Task.WhenAll(_toBoard, _fromBoard);
        _node.Dispose();
        _stop.Dispose();
    }

    // Copies until the source ends or we stop; errors after the stop (closed pipes) are expected.
    private static async Task PumpAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, cancellationToken);
                if (n == 0)
                    return;
                await to.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
                await to.FlushAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Stopped or unplugged.
        }
    }
}
