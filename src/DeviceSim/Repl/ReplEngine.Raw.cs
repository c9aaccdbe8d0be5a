using System.Buffers.Binary;
using Mpyd.DeviceSim.Execution;

namespace Mpyd.DeviceSim.Repl;

internal sealed partial class ReplEngine
{
    private async ValueTask RawAsync(byte b, CancellationToken ct)
    {
        switch (b)
        {
            case 0x01:
                if (_code.Count == 2 && _code[0] == 0x05)
                {
                    var sub = _code[1];
                    _code.Clear();
                    if (sub == (byte)'A')
                        StartRawPaste();
                    else
                        Out.Repl("R\x00>");
                    return;
                }
                _code.Clear();
                Out.Repl(RawBanner + ">");
                return;
            case 0x02:
                _code.Clear();
                _mode = Mode.Friendly;
                _line.Clear();
                Out.Repl("\r\n" + FriendlyBanner + ">>> ");
                return;
            case 0x03:
                _code.Clear();
                return;
            case 0x04:
                if (_code.Count == 0)
                {
                    Out.Repl("OK\r\n");
                    await SoftRebootAsync(ct).ConfigureAwait(false);
                    return;
                }
                var source = s_utf8.GetString([.. _code]);
                _code.Clear();
                // "OK" goes out at once, before compiling; from then on Ctrl-C interrupts.
                runtime.EnterRunning();
                Out.Repl("OK");
                await Out.FlushAsync(ct).ConfigureAwait(false);
                await RunRawAsync(source, ct).ConfigureAwait(false);
                return;
            default:
                _code.Add(b);
                return;
        }
    }

    private void StartRawPaste()
    {
        var header = new byte[5];
        header[0] = (byte)'R';
        header[1] = 0x01;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)Options.RawPasteWindow);
        header[4] = 0x01; // a second window granted at once
        Out.Raw(header);
        _pasteCount = 0;
        _pasteLines = 0;
        _code.Clear();
        _mode = Mode.RawPaste;
    }

    private async ValueTask RawPasteAsync(byte b, CancellationToken ct)
    {
        switch (b)
        {
            case 0x03:
                // Ctrl-C in the data: end of transfer, KeyboardInterrupt (raised outside the VM: no traceback lines).
                _code.Clear();
                _mode = Mode.Raw;
                Out.Raw(0x04);
                Out.Raw(0x04);
                Out.Program(Traceback(new PyException("KeyboardInterrupt", "")));
                Out.Raw(0x04);
                Out.Repl(">");
                return;
            case 0x04:
                var source = s_utf8.GetString([.. _code]);
                _code.Clear();
                _mode = Mode.Raw;
                runtime.EnterRunning();
                Out.Raw(0x04);
                await Out.FlushAsync(ct).ConfigureAwait(false);
                await RunRawAsync(source, ct).ConfigureAwait(false);
                return;
            default:
                _code.Add(b);
                _pasteCount++;
                if (_pasteCount % Options.RawPasteWindow == 0)
                    Out.Raw(0x01);
                if (b == (byte)'\n' && ++_pasteLines is var lines && (lines <= 128 || lines % 64 == 0) && CheckEarlySyntaxError() is { } error)
                {
                    // The streaming compiler found an error: end early, then drop input until Ctrl-C/Ctrl-D.
                    _earlyError = error;
                    _code.Clear();
                    _mode = Mode.RawPasteSwallow;
                    Out.Raw(0x04);
                }
                return;
        }
    }

    private int _pasteLines;

    // The streaming compiler notices errors as lines arrive; checking every line of a long
    // script would be quadratic, so after 128 lines only every 64th line triggers a check.
    private PyException? CheckEarlySyntaxError()
    {
        var text = s_utf8.GetString([.. _code]);
        if (Protocol.Board.BoardProgram.WireText.StartsWith(text, StringComparison.Ordinal) || FsHelperRecognizer.IsPrefix(text))
            return null;
        if (FsHelperRecognizer.TrySplit(text, out var call))
            text = call;
        return Lexer.CheckPrefix(text);
    }

    /// <summary>Runs raw-REPL code and sends the result framing: stdout 0x04 stderr 0x04 '&gt;'.</summary>
    private async ValueTask RunRawAsync(string source, CancellationToken ct)
    {
        try
        {
            await runtime.ExecuteAsync(source, ExecMode.File, ct).ConfigureAwait(false);
            Out.Raw(0x04);
            Out.Raw(0x04);
            Out.Repl(">");
        }
        catch (PyException e)
        {
            Out.Raw(0x04);
            Out.Program(Traceback(e));
            Out.Raw(0x04);
            Out.Repl(">");
        }
        catch (SoftResetException)
        {
            // SystemExit: empty framing, then the soft reboot instead of the prompt.
            Out.Raw(0x04);
            Out.Raw(0x04);
            await SoftRebootAsync(ct).ConfigureAwait(false);
        }
    }
}
