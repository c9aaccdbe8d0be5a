using System.Buffers.Binary;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Repl;

public sealed partial class RawReplClient
{
    private const int ClassicSliceSize = 256;

    // Classic submission has no flow control; the pause protects boards with small input buffers (reference: 10 ms per 256 bytes).
    private static readonly TimeSpan s_classicPause = TimeSpan.FromMilliseconds(10);

    private static readonly byte[] s_rawPasteRequest = [0x05, (byte)'A', 0x01];

    // The '>' prompt has been read. False (and the prompt read again) when the board cannot do raw-paste.
    private async Task<bool> TryRawPasteAsync(byte[] code, CancellationToken cancellationToken)
    {
        await WriteAsync(s_rawPasteRequest, cancellationToken).ConfigureAwait(false);
        byte[] answer;
        using (var wait = HelperWait(cancellationToken))
            answer = await _reader.ReadExactlyAsync(2, wait, _ => Timeout("answer to the raw-paste request", wait)).ConfigureAwait(false);

        if (answer is [(byte)'R', 0x01])
        {
            using var wait = HelperWait(cancellationToken);
            var window = await _reader.ReadExactlyAsync(2, wait, _ => Timeout("raw-paste window size", wait)).ConfigureAwait(false);
            RawPasteWindow = BinaryPrimitives.ReadUInt16LittleEndian(window);
            if (RawPasteWindow == 0)
                throw new ProtocolDesyncException(Name, "the board announced a raw-paste window of 0 bytes");
            RawPasteSupported = true;
            await SendPasteAsync(code, RawPasteWindow, cancellationToken).ConfigureAwait(false);
            return true;
        }

        RawPasteSupported = false;
        using (var wait = HelperWait(cancellationToken))
        {
            if (answer is [(byte)'R', 0x00])
            {
                // Knows raw-paste but not this sub-command: it prints a fresh '>' (the reference leaves it; we read it).
                await _reader.ReadUntilAsync(s_prompt, wait, _ => Timeout("raw REPL prompt after the raw-paste refusal", wait)).ConfigureAwait(false);
            }
            else
            {
                // No raw-paste at all: the Ctrl-A re-printed the banner, and we already hold its first 2 bytes.
                Connection.Unread(answer);
                await _reader.ReadUntilAsync(s_rawBannerPrompt, wait, _ => Timeout("raw REPL banner after the raw-paste probe", wait)).ConfigureAwait(false);
            }
        }
        return false;
    }

    private async Task SendPasteAsync(byte[] code, int window, CancellationToken cancellationToken)
    {
        // The header grants the first window; each 0x01 from the board grants another.
        var credit = window;
        var sent = 0;
        using var wait = HelperWait(cancellationToken);
        while (sent < code.Length)
        {
            // Everything already received is handled before each chunk.
            while (_reader.TryReadAvailable(out var available))
            {
                if (TakeFlowControl(available, window, ref credit))
                {
                    await EndEarlyAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
            if (credit == 0)
            {
                var got = await _reader.ReadSomeAsync(wait, () => Timeout("raw-paste flow control", wait), "sending code").ConfigureAwait(false);
                if (TakeFlowControl(got.Span, window, ref credit))
                {
                    await EndEarlyAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                continue;
            }
            var n = Math.Min(credit, code.Length - sent);
            await WriteAsync(code.AsMemory(sent, n), cancellationToken).ConfigureAwait(false);
            sent += n;
            credit -= n;
            wait.Touch();
        }

        await WriteAsync(new byte[] { 0x04 }, cancellationToken).ConfigureAwait(false);
        // The board answers 0x04 once it has read to the end; late window grants before it are dropped.
        while (true)
        {
            var got = await _reader.ReadSomeAsync(wait, () => Timeout("end-of-code acknowledgement", wait), "ending the code").ConfigureAwait(false);
            var span = got.Span;
            var at = span.IndexOfAnyExcept((byte)0x01);
            if (at < 0)
                continue;
            if (span[at] != 0x04)
                throw Unexpected(span[at], "after the end of the code");
            Connection.Unread(span[(at + 1)..]);
            return;
        }
    }

    // True when the board ended the transfer early (0x04); bytes after it go back to the reader.
    private bool TakeFlowControl(ReadOnlySpan<byte> bytes, int window, ref int credit)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            switch (bytes[i])
            {
                case 0x01:
                    credit += window;
                    break;
                case 0x04:
                    Connection.Unread(bytes[(i + 1)..]);
                    return true;
                default:
                    throw Unexpected(bytes[i], "while sending code");
            }
        }
        return false;
    }

    // The board stopped reading (syntax or memory error while compiling): acknowledge, then the result follows.
    private Task EndEarlyAsync(CancellationToken cancellationToken) => WriteAsync(new byte[] { 0x04 }, cancellationToken).AsTask();

    private ProtocolDesyncException Unexpected(byte b, string when) =>
        new(Name, $"unexpected byte 0x{b:x2} from the board during raw-paste {when}");

    // The '>' prompt has been read.
    private async Task SubmitClassicAsync(byte[] code, CancellationToken cancellationToken)
    {
        for (var at = 0; at < code.Length; at += ClassicSliceSize)
        {
            if (at > 0)
                await Task.Delay(s_classicPause, Connection.TimeProvider, cancellationToken).ConfigureAwait(false);
            await WriteAsync(code.AsMemory(at, Math.Min(ClassicSliceSize, code.Length - at)), cancellationToken).ConfigureAwait(false);
        }
        await WriteAsync(new byte[] { 0x04 }, cancellationToken).ConfigureAwait(false);
        using var wait = HelperWait(cancellationToken);
        var ok = await _reader.ReadExactlyAsync(2, wait, _ => Timeout("\"OK\" after submitting code", wait)).ConfigureAwait(false);
        if (ok is not [(byte)'O', (byte)'K'])
            throw new ProtocolDesyncException(Name, $"the board did not accept the code (answered {NotMicroPythonException.Printable(ok)} instead of \"OK\")");
    }
}
