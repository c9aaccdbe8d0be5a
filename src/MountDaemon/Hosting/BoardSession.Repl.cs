using System.Text;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Terminal;
using Mpyd.Protocol.Device;

namespace Mpyd.MountDaemon.Hosting;

// The REPL passthrough: the user's keys to the board, the board's output to the terminal,
// mount requests served in between, and a new mount after every soft reboot. The output pump is
// the connection's only reader, so work that must read the board (a remount, --inject-file) runs
// on it; the keyboard side only writes.
internal sealed partial class BoardSession
{
    private const byte CtrlRightBracket = 0x1D;
    private const byte CtrlX = 0x18;
    private const byte CtrlJ = 0x0A;
    private const byte CtrlK = 0x0B;
    private static readonly byte[] s_friendlyPrompt = "\n>>> "u8.ToArray();

    private readonly SemaphoreSlim _inputGate = new(1, 1);
    private readonly Lock _wakeLock = new();
    private CancellationTokenSource? _pumpWake;
    private volatile string? _pendingInjection;

    /// <summary>Runs the terminal until the user leaves (Ctrl-] or Ctrl-x, or end of input) or the link drops.</summary>
    public Task RunReplAsync(Stream input, CancellationToken cancellationToken) => RunReplAsync(input, new ReplStep(), cancellationToken);

    /// <inheritdoc cref="RunReplAsync(Stream, CancellationToken)"/>
    public async Task RunReplAsync(Stream input, ReplStep options, CancellationToken cancellationToken)
    {
        await EnsureMountAliveAsync(cancellationToken).ConfigureAwait(false);
        await LeaveRawReplAsync(cancellationToken).ConfigureAwait(false);
        using var capture = OpenCapture(options.Capture);
        _console.Notice($"Connected to MicroPython at {DeviceName}");
        _console.Notice("Use Ctrl-] or Ctrl-x to exit this shell");
        using var terminal = RawTerminal.Enter();
        _console.RawMode = terminal.IsRaw;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var display = new ReplDisplay(_console, capture, options.EscapeNonPrintable);
        var output = PumpOutputAsync(display, stop.Token);
        var keys = PumpInputAsync(input, options, stop.Token);
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

    private static FileStream? OpenCapture(string? path)
    {
        if (path is null)
            return null;
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"repl: cannot write the capture file '{path}': {e.Message}");
        }
    }

    private async Task PumpOutputAsync(ReplDisplay display, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var swallowUntilPrompt = false;
        var pending = new List<byte>();
        while (true)
        {
            int n;
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                lock (_wakeLock)
                    _pumpWake = wake;
                try
                {
                    n = _pendingInjection is null ? await _connection.ReadConsoleAsync(buffer, wake.Token).ConfigureAwait(false) : -1;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    n = -1; // woken by the keyboard side: there is work for the reader
                }
                finally
                {
                    lock (_wakeLock)
                        _pumpWake = null;
                }
            }
            if (n < 0)
            {
                await InjectPendingFileAsync(display, cancellationToken).ConfigureAwait(false);
                continue;
            }
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
                display.Write(text.AsSpan(at + 1));
                // Announced once the board is back at its prompt, so whoever reads it can use the board at once.
                AnnounceRemount();
            }
            else
            {
                display.Write(buffer.AsSpan(0, n));
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

    // Ctrl-K with --inject-file: run the file as mpremote does: raw REPL without a reset, submit
    // without waiting, back to the friendly REPL (the board shows the prompt once the code ends).
    private async Task InjectPendingFileAsync(ReplDisplay display, CancellationToken cancellationToken)
    {
        var file = _pendingInjection;
        _pendingInjection = null;
        if (file is null)
            return;
        string code;
        try
        {
            code = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            display.WriteLine($"cannot inject '{file}': {e.Message}");
            return;
        }
        display.WriteLine($"Injecting {file}");
        await _inputGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _repl.EnterRawReplAsync(softReset: false, cancellationToken).ConfigureAwait(false);
            await _repl.SubmitAsync(code, cancellationToken).ConfigureAwait(false);
            await _repl.ExitRawReplAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            display.WriteLine($"cannot inject '{file}': {e.Message}");
            await _repl.ExitRawReplAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inputGate.Release();
        }
    }

    private async Task PumpInputAsync(Stream input, ReplStep options, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var injectCode = options.InjectCode is null
            ? null
            : Encoding.UTF8.GetBytes(options.InjectCode.Replace("\\n", "\r\n", StringComparison.Ordinal));
        while (true)
        {
            var n = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (n == 0)
                return;
            var keys = buffer.AsMemory(0, n);
            while (!keys.IsEmpty)
            {
                // Keys up to the next one mpyd handles itself go to the board as they are.
                var special = IndexOfSpecialKey(keys.Span, injectCode is not null, options.InjectFile is not null);
                var plain = special < 0 ? keys : keys[..special];
                if (!plain.IsEmpty)
                    await SendKeysAsync(plain, cancellationToken).ConfigureAwait(false);
                if (special < 0)
                    break;
                switch (keys.Span[special])
                {
                    case CtrlRightBracket or CtrlX:
                        return;
                    case CtrlJ:
                        await SendKeysAsync(injectCode, cancellationToken).ConfigureAwait(false);
                        break;
                    case CtrlK:
                        _pendingInjection = options.InjectFile;
                        lock (_wakeLock)
                            _pumpWake?.Cancel();
                        break;
                }
                keys = keys[(special + 1)..];
            }
        }
    }

    private static int IndexOfSpecialKey(ReadOnlySpan<byte> keys, bool injectCode, bool injectFile)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            if (key is CtrlRightBracket or CtrlX || (key == CtrlJ && injectCode) || (key == CtrlK && injectFile))
                return i;
        }
        return -1;
    }

    private async Task SendKeysAsync(ReadOnlyMemory<byte> keys, CancellationToken cancellationToken)
    {
        await _inputGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _connection.WriteAsync(keys, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inputGate.Release();
        }
    }
}
