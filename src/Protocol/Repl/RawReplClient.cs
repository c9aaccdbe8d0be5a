using System.Buffers;
using System.Text;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Repl;

/// <summary>
/// Runs code on a board through the raw REPL (shared/spec/raw-repl.md): entering and leaving it,
/// raw-paste submission with window flow control (classic submission as the fallback, remembered
/// for the connection), result framing, eval, interrupt and soft reset.
/// </summary>
/// <remarks>
/// Every read goes through <see cref="BoardConnection.ReadConsoleAsync"/>, so mount requests the
/// board makes meanwhile are served there; this class never looks at 0x18 itself. Helper waits have
/// deadlines (<see cref="HelperTimeout"/>: overall for entering, idle - since the last byte or
/// request - otherwise); a followed user program runs until it ends or the token is cancelled.
/// One operation at a time; <see cref="InterruptAsync"/> may be called while one runs.
/// In the raw REPL one <c>'&gt;'</c> prompt is always left unread, and each submission starts by reading it.
/// </remarks>
public sealed partial class RawReplClient
{
    private static readonly byte[] s_rawBanner = "raw REPL; CTRL-B to exit\r\n"u8.ToArray();
    private static readonly byte[] s_rawBannerPrompt = "raw REPL; CTRL-B to exit\r\n>"u8.ToArray();
    private static readonly byte[] s_softReboot = "soft reboot\r\n"u8.ToArray();
    private static readonly byte[] s_prompt = ">"u8.ToArray();

    private readonly ReplReader _reader;

    public RawReplClient(BoardConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        _reader = new ReplReader(connection);
    }

    public BoardConnection Connection { get; }

    /// <summary>Deadline of each helper wait (reference: 10 s).</summary>
    public TimeSpan HelperTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True after a successful entry, until leaving or a failure that leaves the state unknown.</summary>
    public bool IsInRawRepl { get; private set; }

    /// <summary>null until the first submission; then whether the board accepted raw-paste. A fallback sticks.</summary>
    public bool? RawPasteSupported { get; private set; }

    /// <summary>The raw-paste window the board announced (0 before the first raw-paste).</summary>
    public int RawPasteWindow { get; private set; }

    private string Name => Connection.Name;

    /// <summary>
    /// Enters the raw REPL (interrupting a running program), optionally soft-resetting the board.
    /// </summary>
    /// <exception cref="NotMicroPythonException">No raw REPL banner within <see cref="HelperTimeout"/>.</exception>
    /// <exception cref="DeviceTimeoutException">The soft reset did not complete in time.</exception>
    public async Task EnterRawReplAsync(bool softReset, CancellationToken cancellationToken)
    {
        IsInRawRepl = false;
        await WriteAsync("\r\x03"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        // Drop what has already arrived (not waiting: the banner match below tolerates leading noise).
        while (_reader.TryReadAvailable(out _))
        {
        }
        await WriteAsync("\r\x01"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        if (softReset)
        {
            await ReadBannerAsync(s_rawBannerPrompt, cancellationToken).ConfigureAwait(false);
            await WriteAsync(new byte[] { 0x04 }, cancellationToken).ConfigureAwait(false);
            await ReadAfterSoftResetAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ReadBannerAsync(s_rawBanner, cancellationToken).ConfigureAwait(false);
        }
        IsInRawRepl = true;
    }

    /// <summary>Leaves the raw REPL for the friendly REPL. Does not wait for the banner.</summary>
    public async Task ExitRawReplAsync(CancellationToken cancellationToken)
    {
        IsInRawRepl = false;
        await WriteAsync("\r\x02"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends Ctrl-C: a running program gets KeyboardInterrupt (unless it disabled the interrupt character).</summary>
    public Task InterruptAsync(CancellationToken cancellationToken) => WriteAsync(new byte[] { 0x03 }, cancellationToken).AsTask();

    /// <summary>
    /// Soft-resets the board and leaves it in the raw REPL (main.py is skipped in raw mode). Enters the raw
    /// REPL first when not in it. The board forgets any mount.
    /// </summary>
    public async Task SoftResetAsync(CancellationToken cancellationToken)
    {
        if (!IsInRawRepl)
        {
            await EnterRawReplAsync(softReset: true, cancellationToken).ConfigureAwait(false);
            return;
        }
        IsInRawRepl = false;
        await ReadPromptAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(new byte[] { 0x04 }, cancellationToken).ConfigureAwait(false);
        await ReadAfterSoftResetAsync(cancellationToken).ConfigureAwait(false);
        IsInRawRepl = true;
    }

    /// <summary>Runs a helper snippet: stdout collected, every wait bounded by <see cref="HelperTimeout"/> since the last byte.</summary>
    public Task<ExecResult> ExecAsync(string code, CancellationToken cancellationToken) =>
        ExecCoreAsync(code, onStdout: null, follow: false, cancellationToken);

    /// <summary>
    /// Runs code, passing stdout to <paramref name="onStdout"/> as it arrives (the result's Stdout is then empty).
    /// With <paramref name="follow"/> the wait for the program to end is unbounded (only the token stops it);
    /// otherwise it is a helper wait.
    /// </summary>
    public Task<ExecResult> ExecAsync(string code, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onStdout, bool follow,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onStdout);
        return ExecCoreAsync(code, onStdout, follow, cancellationToken);
    }

    /// <summary>Runs code, writing stdout to <paramref name="stdout"/> as it arrives. See the callback overload.</summary>
    public Task<ExecResult> ExecAsync(string code, IBufferWriter<byte> stdout, bool follow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        return ExecCoreAsync(code, (data, _) =>
        {
            stdout.Write(data.Span);
            return ValueTask.CompletedTask;
        }, follow, cancellationToken);
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> on the board (<c>print(repr(...))</c>) and parses the result
    /// with <see cref="PythonLiteral"/>.
    /// </summary>
    /// <exception cref="RemoteExecException">The expression raised.</exception>
    /// <exception cref="FormatException">The repr is not a literal (e.g. an object).</exception>
    public async Task<object?> EvalAsync(string expression, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        var result = await ExecAsync($"print(repr({expression}))", cancellationToken).ConfigureAwait(false);
        result.ThrowIfFailed(Name);
        return PythonLiteral.Parse(result.StdoutText.Trim());
    }

    private async Task<ExecResult> ExecCoreAsync(string code, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? onStdout, bool follow,
        CancellationToken cancellationToken)
    {
        await SubmitCoreAsync(code, cancellationToken).ConfigureAwait(false);

        var stdout = new ArrayBufferWriter<byte>();
        onStdout ??= (data, _) =>
        {
            stdout.Write(data.Span);
            return ValueTask.CompletedTask;
        };
        using (var wait = follow ? ReplDeadline.Unbounded(Connection, cancellationToken) : HelperWait(cancellationToken))
        {
            await _reader.ReadToMarkerAsync(0x04, wait, onStdout, () => Timeout("end of the program's output", wait),
                "following the program's output").ConfigureAwait(false);
        }
        var stderr = new ArrayBufferWriter<byte>();
        using (var wait = HelperWait(cancellationToken))
        {
            await _reader.ReadToMarkerAsync(0x04, wait, (data, _) =>
            {
                stderr.Write(data.Span);
                return ValueTask.CompletedTask;
            }, () => Timeout("end of the error output", wait), "reading the error output").ConfigureAwait(false);
        }
        IsInRawRepl = true;
        return new ExecResult(stdout.WrittenSpan.ToArray(), Encoding.UTF8.GetString(stderr.WrittenSpan));
    }

    /// <summary>
    /// Submits code and returns once the board has accepted it, without waiting for it to end
    /// ("exec --no-follow"): the program keeps running, and the client is no longer in the raw REPL
    /// (the next <see cref="EnterRawReplAsync"/> interrupts the program).
    /// </summary>
    public Task SubmitAsync(string code, CancellationToken cancellationToken) => SubmitCoreAsync(code, cancellationToken);

    private async Task SubmitCoreAsync(string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!IsInRawRepl)
            throw new InvalidOperationException($"not in the raw REPL on {Name}: call EnterRawReplAsync first");
        var bytes = Encoding.UTF8.GetBytes(code);
        var control = bytes.AsSpan().IndexOfAnyInRange((byte)0x01, (byte)0x04);
        if (control >= 0)
            throw new ArgumentException($"code contains the control byte 0x{bytes[control]:x2}, which the raw REPL interprets; write it as an escape", nameof(code));

        // Until the result is read the board's state is unknown: a failure below leaves IsInRawRepl false.
        IsInRawRepl = false;
        await ReadPromptAsync(cancellationToken).ConfigureAwait(false);
        if (RawPasteSupported == false || !await TryRawPasteAsync(bytes, cancellationToken).ConfigureAwait(false))
            await SubmitClassicAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadPromptAsync(CancellationToken cancellationToken)
    {
        using var wait = HelperWait(cancellationToken);
        await _reader.ReadUntilAsync(s_prompt, wait, _ => Timeout("raw REPL prompt '>'", wait)).ConfigureAwait(false);
    }

    private async Task ReadBannerAsync(byte[] banner, CancellationToken cancellationToken)
    {
        using var wait = ReplDeadline.Overall(Connection, HelperTimeout, cancellationToken);
        await _reader.ReadUntilAsync(banner, wait, seen => new NotMicroPythonException(Name, seen)).ConfigureAwait(false);
    }

    private async Task ReadAfterSoftResetAsync(CancellationToken cancellationToken)
    {
        using (var wait = ReplDeadline.Overall(Connection, HelperTimeout, cancellationToken))
        {
            await _reader.ReadUntilAsync(s_softReboot, wait, _ => Timeout("\"soft reboot\" after a soft reset", wait)).ConfigureAwait(false);
        }
        using (var wait = ReplDeadline.Overall(Connection, HelperTimeout, cancellationToken))
        {
            await _reader.ReadUntilAsync(s_rawBanner, wait, _ => new DeviceTimeoutException(Name, "raw REPL banner after the soft reset", wait.Timeout,
                "boot.py may be blocking; press the board's reset button or fix boot.py")).ConfigureAwait(false);
        }
    }

    private ReplDeadline HelperWait(CancellationToken cancellationToken) =>
        ReplDeadline.Idle(Connection, HelperTimeout, cancellationToken);

    private DeviceTimeoutException Timeout(string waitingFor, ReplDeadline wait) => new(Name, waitingFor, wait.Timeout);

    private ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Connection.WriteAsync(data, cancellationToken);
}
