using System.Text;
using Mpyd.DeviceSim.Board;
using Mpyd.DeviceSim.Execution;

namespace Mpyd.DeviceSim.Repl;

/// <summary>
/// The REPL state machine (friendly, paste mode, raw, raw-paste), fed one received byte at a
/// time while the board holds its CPU. Byte-exact with shared/spec/raw-repl.md sections 3-7.
/// </summary>
internal sealed partial class ReplEngine(SimulatedBoard board, BoardRuntime runtime)
{
    private const string RawBanner = "raw REPL; CTRL-B to exit\r\n";
    private static readonly UTF8Encoding s_utf8 = new(false);

    private enum Mode { Friendly, FriendlyEscape, Paste, Raw, RawPaste, RawPasteSwallow, Dead }

    private Mode _mode = Mode.Friendly;
    private readonly List<byte> _line = [];
    private readonly List<byte> _code = [];
    private bool _lastCr;
    private int _pasteCount;
    private PyException? _earlyError;

    private BoardOutput Out => runtime.Link.Output;

    private SimulatedBoardOptions Options => board.Options;

    /// <summary>True while the REPL is in the raw REPL (raw-paste included).</summary>
    public bool IsRaw => _mode is Mode.Raw or Mode.RawPaste or Mode.RawPasteSwallow;

    /// <summary>The board stopped answering (fault plan): every byte is ignored.</summary>
    public bool IsDead => _mode == Mode.Dead;

    public void Hang() => _mode = Mode.Dead;

    private string FriendlyBanner =>
        Options.Banner + "\r\n" + (Options.HelpLine ? "Type \"help()\" for more information.\r\n" : "");

    private async ValueTask HandleByteCoreAsync(byte b, CancellationToken ct)
    {
        switch (_mode)
        {
            case Mode.Friendly:
                await FriendlyAsync(b, ct).ConfigureAwait(false);
                break;
            case Mode.FriendlyEscape:
                // Skip a terminal escape sequence (arrow keys etc.): ESC [ params final.
                if (b is >= 0x40 and <= 0x7E && b != (byte)'[' && b != (byte)'O')
                    _mode = Mode.Friendly;
                break;
            case Mode.Paste:
                await PasteAsync(b, ct).ConfigureAwait(false);
                break;
            case Mode.Raw:
                await RawAsync(b, ct).ConfigureAwait(false);
                break;
            case Mode.RawPaste:
                await RawPasteAsync(b, ct).ConfigureAwait(false);
                break;
            case Mode.RawPasteSwallow:
                if (b is 0x03 or 0x04)
                {
                    _mode = Mode.Raw;
                    Out.Raw(0x04);
                    Out.Program(Traceback(_earlyError!));
                    Out.Raw(0x04);
                    Out.Repl(">");
                    _earlyError = null;
                }
                break;
            case Mode.Dead:
                break;
        }
        await Out.FlushAsync(ct).ConfigureAwait(false);
    }

    // ---- friendly REPL ----

    private async ValueTask FriendlyAsync(byte b, CancellationToken ct)
    {
        var wasCr = _lastCr;
        _lastCr = b == '\r';
        var empty = _line.Count == 0;
        switch (b)
        {
            case 0x01 when empty:
                Out.Repl("\r\n" + RawBanner + ">");
                _code.Clear();
                _mode = Mode.Raw;
                return;
            case 0x02 when empty:
                Out.Repl("\r\n" + FriendlyBanner + ">>> ");
                return;
            case 0x03:
                _line.Clear();
                Out.Repl("\r\n>>> ");
                return;
            case 0x04 when empty:
                Out.Repl("\r\n");
                await SoftRebootAsync(ct).ConfigureAwait(false);
                return;
            case 0x05 when empty:
                Out.Repl("\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
                _code.Clear();
                _mode = Mode.Paste;
                return;
            case 0x1B:
                _mode = Mode.FriendlyEscape;
                return;
            case 0x08 or 0x7F:
                if (!empty)
                {
                    // Drop a whole UTF-8 sequence.
                    while (_line.Count > 0 && (_line[^1] & 0xC0) == 0x80)
                        _line.RemoveAt(_line.Count - 1);
                    if (_line.Count > 0)
                        _line.RemoveAt(_line.Count - 1);
                    Out.Repl("\b\x1b[K");
                }
                return;
            case (byte)'\n' when wasCr:
                return; // CR LF counts once
            case (byte)'\r' or (byte)'\n':
                var text = s_utf8.GetString([.. _line]);
                _line.Clear();
                if (text.Trim().Length > 0)
                    runtime.EnterRunning();
                Out.Repl("\r\n");
                if (text.Trim().Length > 0)
                    await RunFriendlyAsync(text, ExecMode.Single, ct).ConfigureAwait(false);
                else
                    Out.Repl(">>> ");
                return;
            case < 0x20 and not (byte)'\t':
                return; // other control characters do nothing
            default:
                _line.Add(b);
                Out.Raw(b);
                return;
        }
    }

    private async ValueTask PasteAsync(byte b, CancellationToken ct)
    {
        var wasCr = _lastCr;
        _lastCr = b == '\r';
        switch (b)
        {
            case 0x03:
                _code.Clear();
                _mode = Mode.Friendly;
                Out.Repl("\r\n>>> ");
                return;
            case 0x04:
                var text = s_utf8.GetString([.. _code]);
                _code.Clear();
                _mode = Mode.Friendly;
                runtime.EnterRunning();
                Out.Repl("\r\n");
                await RunFriendlyAsync(text, ExecMode.File, ct).ConfigureAwait(false);
                return;
            case (byte)'\n' when wasCr:
                return;
            case (byte)'\r' or (byte)'\n':
                _code.Add((byte)'\n');
                Out.Repl("\r\n=== ");
                return;
            default:
                _code.Add(b);
                Out.Raw(b);
                return;
        }
    }

    private async ValueTask RunFriendlyAsync(string source, ExecMode mode, CancellationToken ct)
    {
        try
        {
            await runtime.ExecuteAsync(source, mode, ct).ConfigureAwait(false);
        }
        catch (PyException e)
        {
            Out.Program(Traceback(e));
        }
        catch (SoftResetException)
        {
            await SoftRebootAsync(ct).ConfigureAwait(false);
            return;
        }
        Out.Repl(">>> ");
    }

    /// <summary>The traceback text as the board prints it for code from the REPL.</summary>
    public static string Traceback(PyException e, string file = "<stdin>")
    {
        var last = $"{e.TypeName}: {e.PyMessage}\n";
        if (e.Line == 0)
            return last;
        var where = e.IsSyntaxError ? $"  File \"{file}\", line {e.Line}\n" : $"  File \"{file}\", line {e.Line}, in <module>\n";
        return "Traceback (most recent call last):\n" + where + last;
    }

    // ---- soft reboot ----

    /// <summary>
    /// Soft reboot from the current mode: "MPY: soft reboot", boot.py, and then main.py and the
    /// friendly banner, or (raw REPL) the raw banner. The caller has printed any "OK\r\n" or "\r\n".
    /// </summary>
    public async ValueTask SoftRebootAsync(CancellationToken ct)
    {
        Out.Repl("MPY: soft reboot\r\n");
        runtime.Reset();
        board.OnSoftReboot();
        if (Options.BootOutput.Length > 0)
            Out.Program(Options.BootOutput);
        if (IsRaw)
        {
            _code.Clear();
            _mode = Mode.Raw;
            Out.Repl(RawBanner + ">");
            return;
        }
        await RunMainAsync(ct).ConfigureAwait(false);
        _line.Clear();
        _mode = Mode.Friendly;
        Out.Repl(FriendlyBanner + ">>> ");
    }

    /// <summary>main.py: prints its text and, when configured, blocks until Ctrl-C.</summary>
    public async ValueTask RunMainAsync(CancellationToken ct, bool printOutput = true)
    {
        if (printOutput && Options.MainOutput.Length > 0)
            Out.Program(Options.MainOutput);
        if (!Options.MainBlocksForever)
            return;
        var input = runtime.Link.Input;
        input.InterruptChar = runtime.KbdIntrChar;
        await Out.FlushAsync(ct).ConfigureAwait(false);
        try
        {
            await input.WaitForInterruptAsync(ct).ConfigureAwait(false);
            if (!input.TakeInterrupt())
                throw new LinkClosedException();
        }
        finally
        {
            input.InterruptChar = -1;
        }
        Out.Program(Traceback(new PyException("KeyboardInterrupt", "") { Line = 1 }, "main.py"));
    }
}
