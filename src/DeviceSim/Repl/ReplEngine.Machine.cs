using Mpyd.DeviceSim.Execution;

namespace Mpyd.DeviceSim.Repl;

internal sealed partial class ReplEngine
{
    /// <summary>Handles one received byte; a machine.reset() in the code it ran restarts the board.</summary>
    public async ValueTask HandleByteAsync(byte b, CancellationToken ct)
    {
        try
        {
            await HandleByteCoreAsync(b, ct).ConfigureAwait(false);
        }
        catch (HardResetException)
        {
            await HardResetAsync(ct).ConfigureAwait(false);
            await Out.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Hard reset: no raw-REPL framing for the code that called it and no "MPY: soft reboot"; bytes
    /// the board had received but not read are lost (as in a UART's buffer); RAM state is cleared,
    /// flash kept; boot.py, main.py, then the friendly banner, as after power-on. A real USB board
    /// would also drop its serial link here; the simulated one keeps it so the restart can be seen.
    /// </summary>
    private async ValueTask HardResetAsync(CancellationToken ct)
    {
        var input = runtime.Link.Input;
        input.InterruptChar = -1;
        input.ClearInterrupt();
        while (input.TryRead(out _))
        {
        }
        runtime.Reset();
        _line.Clear();
        _code.Clear();
        _earlyError = null;
        _lastCr = false;
        _mode = Mode.Friendly;
        HardResetCount++;
        if (Options.BootOutput.Length > 0)
            Out.Program(Options.BootOutput);
        await RunMainAsync(ct).ConfigureAwait(false);
        Out.Repl(FriendlyBanner + ">>> ");
    }

    /// <summary>Hard resets (machine.reset()) so far.</summary>
    public int HardResetCount { get; private set; }
}
