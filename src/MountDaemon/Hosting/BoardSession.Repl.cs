using Mpyd.MountDaemon.Terminal;
using Mpyd.Protocol.Device;

namespace Mpyd.MountDaemon.Hosting;

// The REPL passthrough: the user's keys to the board, the board's output to the terminal,
// mount requests served in between, and a new mount after every soft reboot.
internal sealed partial class BoardSession
{
    private const byte CtrlRightBracket = 0x1D;
    private const byte CtrlX = 0x18;
    private static readonly byte[] s_friendlyPrompt = "\n>>> "u8.ToArray();

    private readonly SemaphoreSlim _inputGate = new(1, 1);

    /// <summary>Runs the terminal until the user leaves (Ctrl-] or Ctrl-x, or end of input) or the link drops.</summary>
    public async Task RunReplAsync(Stream input, CancellationToken cancellationToken)
    {
        await EnsureMountAliveAsync(cancellationToken).ConfigureAwait(false);
        await LeaveRawReplAsync(cancellationToken).ConfigureAwait(false);
        _console.Notice($"Connected to MicroPython at {DeviceName}");
        _console.Notice("Use Ctrl-] or Ctrl-x to exit this shell");
        using var terminal = RawTerminal.Enter();
        _console.RawMode = terminal.IsRaw;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = PumpOutputAsync(stop.Token);
        var keys = PumpInputAsync(input, stop.Token);
        try
        {
            var first = await Task.WhenAny(output, keys).ConfigureAwait(false);
            await first.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await output.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            _console.RawMode = false;
        }
        // The keyboard task may be blocked in a read of stdin that cannot be cancelled; it is abandoned.
        _console.Notice("");
    }

    private async Task PumpOutputAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var swallowUntilPrompt = false;
        var pending = new List<byte>();
        while (true)
        {
            var n = await _connection.ReadConsoleAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
                throw new DeviceDisconnectedException(DeviceName, "in the REPL");
            if (swallowUntilPrompt)
            {
                // After a remount the board prints its banner again; show only the prompt, as before the reboot.
                pending.AddRange(buffer.AsSpan(0, n));
                var text = pending.ToArray();
                var at = text.AsSpan().IndexOf(s_friendlyPrompt);
                if (at < 0)
                    continue;
                swallowUntilPrompt = false;
                pending.Clear();
                _console.WriteBoardOutput(text.AsSpan(at + 1));
                // Announced once the board is back at its prompt, so whoever reads it can use the board at once.
                AnnounceRemount();
            }
            else
            {
                _console.WriteBoardOutput(buffer.AsSpan(0, n));
            }
            if (!_remountNeeded)
                continue;
            var cameBackRaw = _rebootCameBackRaw;
            await _inputGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await RemountAfterRebootAsync(cancellationToken, announce: cameBackRaw).ConfigureAwait(false);
                if (!cameBackRaw)
                {
                    await LeaveRawReplAsync(cancellationToken).ConfigureAwait(false);
                    swallowUntilPrompt = true;
                }
            }
            finally
            {
                _inputGate.Release();
            }
        }
    }

    private async Task PumpInputAsync(Stream input, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        while (true)
        {
            var n = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
                return;
            var exit = buffer.AsSpan(0, n).IndexOfAny(CtrlRightBracket, CtrlX);
            var count = exit < 0 ? n : exit;
            if (count > 0)
            {
                await _inputGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await _connection.WriteAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    _inputGate.Release();
                }
            }
            if (exit >= 0)
                return;
        }
    }
}
