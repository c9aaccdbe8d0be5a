using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Transport;

namespace Mpyd.VmBoard.Tests.TestKit;

/// <summary>The output of one raw-REPL submission.</summary>
public sealed record ReplResult(string Stdout, string Stderr);

/// <summary>
/// A small, independent host for the tests: raw REPL entry, classic and raw-paste submission,
/// result framing, and mount requests served by <see cref="Mount"/> while output is read.
/// Written straight from shared/spec/raw-repl.md so it checks the board, not our host code.
/// </summary>
public sealed class ReplDriver(IDeviceTransport link)
{
    public const string RawBanner = "raw REPL; CTRL-B to exit\r\n";

    private readonly PipeReader _in = link.Input;
    private readonly PipeWriter _out = link.Output;

    /// <summary>Serves mount requests met while reading output; null = 0x18 is plain output.</summary>
    public IRemoteFsHandler? Mount { get; set; }

    /// <summary>Every mount request served, in order.</summary>
    public List<RemoteFsRequest> Requests { get; } = [];

    public async Task WriteAsync(string text, CancellationToken cancellationToken) =>
        await WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _out.WriteAsync(data, cancellationToken);
        await _out.FlushAsync(cancellationToken);
    }

    public async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _in.ReadAsync(cancellationToken);
            if (!result.Buffer.IsEmpty)
            {
                var b = result.Buffer.FirstSpan[0];
                _in.AdvanceTo(result.Buffer.GetPosition(1));
                return b;
            }
            _in.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
                throw new EndOfStreamException("the board link closed");
        }
    }

    /// <summary>Reads until the received text ends with <paramref name="suffix"/>; returns all of it.</summary>
    public async Task<string> ReadUntilAsync(string suffix, CancellationToken cancellationToken)
    {
        var got = new StringBuilder();
        while (!EndsWith(got, suffix))
            got.Append((char)await ReadByteAsync(cancellationToken));
        return got.ToString();
    }

    /// <summary>Interrupts whatever runs and enters the raw REPL, reading the prompt.</summary>
    public async Task EnterRawAsync(CancellationToken cancellationToken)
    {
        await WriteAsync("\r\x03\r\x01", cancellationToken);
        await ReadUntilAsync(RawBanner + ">", cancellationToken);
    }

    /// <summary>Empty submission in the raw REPL: soft reboot; returns what the board printed.</summary>
    public async Task<string> SoftRebootAsync(CancellationToken cancellationToken)
    {
        await WriteAsync("\x04", cancellationToken);
        return await ReadUntilAsync(RawBanner + ">", cancellationToken);
    }

    /// <summary>Classic submission: code, Ctrl-D, "OK", framed result, prompt.</summary>
    public async Task<ReplResult> ExecAsync(string code, CancellationToken cancellationToken)
    {
        await WriteAsync(code + "\x04", cancellationToken);
        var ok = $"{(char)await ReadByteAsync(cancellationToken)}{(char)await ReadByteAsync(cancellationToken)}";
        if (ok != "OK")
            throw new InvalidDataException($"expected OK, got {ok}");
        return await ReadResultAsync(cancellationToken);
    }

    /// <summary>Raw-paste submission with window flow control.</summary>
    public async Task<ReplResult> ExecRawPasteAsync(string code, CancellationToken cancellationToken)
    {
        // Bytes, not a string: C# reads "\x05A" as one character, U+005A.
        await WriteAsync(new byte[] { 0x05, (byte)'A', 0x01 }, cancellationToken);
        var r = await ReadByteAsync(cancellationToken);
        var s = await ReadByteAsync(cancellationToken);
        if (r != 'R' || s != 1)
            throw new InvalidDataException($"raw paste refused: {r:x2} {s:x2}");
        var window = await ReadByteAsync(cancellationToken) | (await ReadByteAsync(cancellationToken) << 8);
        var credit = window;
        var data = Encoding.UTF8.GetBytes(code);
        var sent = 0;
        while (sent < data.Length)
        {
            while (credit == 0 || TryPeek(out _))
            {
                var b = await ReadByteAsync(cancellationToken);
                if (b == 0x01)
                    credit += window;
                else
                    throw new InvalidDataException($"unexpected byte {b:x2} during raw paste");
            }
            var n = Math.Min(credit, data.Length - sent);
            await WriteAsync(data.AsMemory(sent, n), cancellationToken);
            sent += n;
            credit -= n;
        }
        await WriteAsync("\x04", cancellationToken);
        while (await ReadByteAsync(cancellationToken) != 0x04)
        {
            // Late window grants before the end acknowledgement.
        }
        return await ReadResultAsync(cancellationToken);
    }

    private static bool EndsWith(StringBuilder text, string suffix)
    {
        if (text.Length < suffix.Length)
            return false;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (text[text.Length - suffix.Length + i] != suffix[i])
                return false;
        }
        return true;
    }

    private bool TryPeek(out byte b)
    {
        b = 0;
        if (!_in.TryRead(out var result))
            return false;
        var has = !result.Buffer.IsEmpty;
        if (has)
            b = result.Buffer.FirstSpan[0];
        _in.AdvanceTo(result.Buffer.Start);
        return has;
    }

    /// <summary>Reads the framed result of a submission already accepted: stdout 0x04 stderr 0x04 '>'.</summary>
    public async Task<ReplResult> ReadResultAsync(CancellationToken cancellationToken)
    {
        var stdout = await ReadFramedAsync(cancellationToken);
        var stderr = await ReadFramedAsync(cancellationToken);
        var prompt = await ReadByteAsync(cancellationToken);
        if (prompt != '>')
            throw new InvalidDataException($"expected the raw prompt, got {prompt:x2}");
        return new ReplResult(stdout, stderr);
    }

    // Output up to the next 0x04, serving mount requests met on the way.
    private async Task<string> ReadFramedAsync(CancellationToken cancellationToken)
    {
        var text = new List<byte>();
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken);
            if (b == 0x04)
                return Encoding.UTF8.GetString([.. text]);
            if (b == RemoteFsCodec.Escape && Mount is not null)
            {
                var op = await ReadByteAsync(cancellationToken);
                if (op == RemoteFsCodec.OneShot)
                {
                    await ServeAsync((RemoteFsOp)await ReadByteAsync(cancellationToken), oneShot: true, cancellationToken);
                    continue;
                }
                if (RemoteFsCodec.IsKnownOp(op))
                {
                    await ServeAsync((RemoteFsOp)op, oneShot: false, cancellationToken);
                    continue;
                }
                text.Add(b);
                b = op;
            }
            text.Add(b);
        }
    }

    // mpremote's framing: ack, arguments, reply. One-shot (mpyd extension): arguments at once, 0x18 + reply.
    private async Task ServeAsync(RemoteFsOp op, bool oneShot, CancellationToken cancellationToken)
    {
        if (!oneShot)
            await WriteAsync(new[] { RemoteFsCodec.Escape }, cancellationToken);
        RemoteFsRequest? request;
        while (true)
        {
            var result = await _in.ReadAsync(cancellationToken);
            var reader = new SequenceReader<byte>(result.Buffer);
            if (RemoteFsCodec.TryReadRequest(op, ref reader, out request))
            {
                _in.AdvanceTo(reader.Position);
                break;
            }
            _in.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted)
                throw new EndOfStreamException($"the board link closed in the middle of {op}");
        }
        Requests.Add(request!);
        var reply = await Mount!.HandleAsync(request!, cancellationToken);
        if (reply is NoReply)
            return;
        var buffer = new ArrayBufferWriter<byte>();
        if (oneShot)
            buffer.Write([RemoteFsCodec.Escape]);
        RemoteFsCodec.WriteReply(buffer, request!, reply);
        await WriteAsync(buffer.WrittenMemory, cancellationToken);
    }
}
