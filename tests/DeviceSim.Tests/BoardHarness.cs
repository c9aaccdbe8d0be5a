using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Tests;

/// <summary>
/// Drives a simulated board through its byte interface, as a host would. Optionally answers
/// mount requests with an <see cref="IRemoteFsHandler"/>: one-shot requests (0x18 0x80 op arguments →
/// 0x18 reply, nothing for CLOSE), and mpremote's framing (0x18 op → ack → arguments → reply).
/// </summary>
internal sealed class BoardHarness : IAsyncDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);
    private readonly Pipe _toBoard = new();
    private readonly Pipe _toHost = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly List<byte> _pending = [];
    private RemoteFsOp? _requestOp;
    private bool _oneShot;
    private bool _eof;

    public BoardHarness(SimulatedBoardOptions? options = null, SimulatedBoard? board = null)
    {
        Board = board ?? new SimulatedBoard(options);
        Run = Board.RunAsync(new DuplexPipe(_toBoard.Reader, _toHost.Writer), _cts.Token);
    }

    public SimulatedBoard Board { get; }

    public Task Run { get; }

    /// <summary>Serves mount requests while reading, when set.</summary>
    public IRemoteFsHandler? Handler { get; set; }

    /// <summary>Requests served so far.</summary>
    public List<RemoteFsRequest> Served { get; } = [];

    /// <summary>Write each reply byte separately (a reply split across reads).</summary>
    public bool SplitReplies { get; set; }

    /// <summary>When false, a seen request is not taken up (not acknowledged or answered: a host that stopped answering).</summary>
    public bool AckRequests { get; set; } = true;

    public static CancellationToken Deadline() => new CancellationTokenSource(s_deadline).Token;

    public async Task SendAsync(string text) => await SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] data)
    {
        await _toBoard.Writer.WriteAsync(data, Deadline());
    }

    public Task CloseInputAsync() => _toBoard.Writer.CompleteAsync().AsTask();

    /// <summary>Reads until the received text ends with <paramref name="suffix"/>; returns everything up to it.</summary>
    public async Task<string> ReadUntilAsync(string suffix)
    {
        var ct = Deadline();
        while (true)
        {
            var text = Encoding.Latin1.GetString([.. _pending]);
            var at = text.IndexOf(suffix, StringComparison.Ordinal);
            if (at >= 0)
            {
                _pending.RemoveRange(0, at + suffix.Length);
                _scanFrom = 0;
                _requestStart = Math.Max(0, _requestStart - (at + suffix.Length));
                return text[..(at + suffix.Length)];
            }
            if (_eof)
                throw new EndOfStreamException($"link closed; received so far: {Escape(text)}");
            try
            {
                await ReadMoreAsync(ct);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"waiting for {Escape(suffix)}; received: {Escape(text)}");
            }
        }
    }

    /// <summary>Reads exactly n bytes.</summary>
    public async Task<byte[]> ReadBytesAsync(int n)
    {
        var ct = Deadline();
        while (_pending.Count < n)
        {
            if (_eof)
                throw new EndOfStreamException();
            await ReadMoreAsync(ct);
        }
        var result = _pending.GetRange(0, n).ToArray();
        _pending.RemoveRange(0, n);
        return result;
    }

    /// <summary>Reads to the end of the link; returns what was not yet consumed.</summary>
    public async Task<string> ReadToEndAsync()
    {
        var ct = Deadline();
        while (!_eof)
            await ReadMoreAsync(ct);
        var text = Encoding.Latin1.GetString([.. _pending]);
        _pending.Clear();
        return text;
    }

    /// <summary>Serves mount requests until <paramref name="task"/> (a board API call) completes.</summary>
    public async Task<T> ServeWhileAsync<T>(Task<T> task)
    {
        var deadline = Deadline();
        while (!task.IsCompleted && !_eof)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline);
            _ = task.ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);
            try
            {
                await ReadMoreAsync(stop.Token);
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
            }
        }
        return await task;
    }

    public async Task ServeWhileAsync(Task task) => await ServeWhileAsync(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));

    private async Task ReadMoreAsync(CancellationToken ct)
    {
        var result = await _toHost.Reader.ReadAsync(ct);
        _pending.AddRange(result.Buffer.ToArray());
        _toHost.Reader.AdvanceTo(result.Buffer.End);
        if (result.IsCompleted)
            _eof = true;
        await ServeAsync(ct);
    }

    private int _requestStart;
    private int _scanFrom;

    // Host side of the mount framing, on the bytes received so far. Console text around
    // requests stays in order in the pending buffer; request bytes are taken out.
    private async Task ServeAsync(CancellationToken ct)
    {
        while (Handler is not null)
        {
            if (_requestOp is { } op)
            {
                var args = _pending.GetRange(_requestStart, _pending.Count - _requestStart).ToArray();
                var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(args));
                if (!RemoteFsCodec.TryReadRequest(op, ref reader, out var request))
                    return;
                _pending.RemoveRange(_requestStart, (int)reader.Consumed);
                _scanFrom = _requestStart;
                _requestOp = null;
                Served.Add(request!);
                var reply = await Handler.HandleAsync(request!, ct);
                var output = new ArrayBufferWriter<byte>();
                if (_oneShot && reply is not NoReply)
                    output.Write([RemoteFsCodec.Escape]);
                RemoteFsCodec.WriteReply(output, request!, reply);
                if (SplitReplies)
                {
                    for (var k = 0; k < output.WrittenCount; k++)
                        await _toBoard.Writer.WriteAsync(output.WrittenMemory.Slice(k, 1), ct);
                }
                else
                {
                    await _toBoard.Writer.WriteAsync(output.WrittenMemory, ct);
                }
                continue;
            }
            _scanFrom = Math.Min(_scanFrom, _pending.Count);
            var i = _pending.IndexOf(RemoteFsCodec.Escape, _scanFrom);
            if (i < 0 || i + 1 >= _pending.Count || !RemoteFsCodec.IsRequestStart(_pending[i + 1]) || !AckRequests)
                return;
            _oneShot = _pending[i + 1] == RemoteFsCodec.OneShot;
            if (_oneShot)
            {
                if (i + 2 >= _pending.Count)
                    return;
                _requestOp = (RemoteFsOp)_pending[i + 2];
                _pending.RemoveRange(i, 3);
                _requestStart = i;
                continue;
            }
            _requestOp = (RemoteFsOp)_pending[i + 1];
            _pending.RemoveRange(i, 2);
            _requestStart = i;
            await _toBoard.Writer.WriteAsync(new[] { RemoteFsCodec.Escape }, ct);
        }
    }

    public static string Escape(string s) =>
        s.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\x04", "\\x04").Replace("\x01", "\\x01");

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await Run.WaitAsync(s_deadline);
        }
        catch (OperationCanceledException)
        {
        }
        _cts.Dispose();
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
