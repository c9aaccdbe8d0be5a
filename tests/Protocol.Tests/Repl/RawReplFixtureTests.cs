using System.Text;
using Microsoft.Extensions.Time.Testing;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Repl;
using Mpyd.Protocol.Tests.TestKit;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Repl;

/// <summary>
/// The raw REPL client against scripted boards replaying the exchanges captured in shared/spec/raw-repl.md.
/// Each script checks every byte the host sends.
/// </summary>
public class RawReplFixtureTests
{
    private const string Banner = "raw REPL; CTRL-B to exit\r\n";

    private static (RawReplClient Client, BoardConnection Connection, BoardEnd Board) Link(TimeProvider? time = null)
    {
        var (host, board) = InMemoryLink.Create("sim");
        var connection = new BoardConnection(host, time);
        return (new RawReplClient(connection), connection, new BoardEnd(board));
    }

    // Entry without soft reset, as captured.
    private static async Task EnterScriptAsync(BoardEnd board)
    {
        await board.ExpectAsync("\r\u0003");
        await board.SendAsync("\r\n>>> \r\n>>> ");
        await board.ExpectAsync("\r\u0001");
        await board.SendAsync("\r\n>>> \r\n" + Banner + ">");
    }

    private static async Task EnterAsync(RawReplClient client, BoardEnd board)
    {
        var script = EnterScriptAsync(board);
        await client.EnterRawReplAsync(softReset: false, Guard());
        await script;
    }

    [Fact]
    public async Task Enters_the_raw_repl_as_captured()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        Assert.True(client.IsInRawRepl);
    }

    [Fact]
    public async Task Enters_with_a_soft_reset()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\r\u0003");
            await board.ExpectAsync("\r\u0001");
            await board.SendAsync("\r\n>>> \r\n>>> \r\n>>> \r\n" + Banner + ">");
            await board.ExpectAsync("\u0004");
            await board.SendAsync("OK\r\nMPY: soft reboot\r\nboot.py says hi\r\n" + Banner + ">");
        });
        await client.EnterRawReplAsync(softReset: true, Guard());
        await script;
        Assert.True(client.IsInRawRepl);
    }

    [Fact]
    public async Task Raw_paste_exec_as_captured()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("print('hi')\u0004");
            await board.SendAsync("\u0004hi\n\u0004\u0004>");
        });
        var result = await client.ExecAsync("print('hi')", Guard());
        await script;
        Assert.Equal("hi\n", result.StdoutText);
        Assert.False(result.Failed);
        Assert.True(client.RawPasteSupported);
        Assert.Equal(128, client.RawPasteWindow);
        Assert.True(client.IsInRawRepl);
    }

    [Fact]
    public async Task Raw_paste_respects_a_32_byte_window_for_a_10_KB_program()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        const int window = 32;
        var code = new StringBuilder();
        for (var i = 0; code.Length < 10 * 1024; i++)
            code.Append($"x{i} = {i} * 2  # filler line {i}\n");
        var source = Encoding.UTF8.GetBytes(code.ToString());

        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync([(byte)'R', 0x01, window, 0x00, 0x01]);
            // The host may have 2 windows in flight at the start (header + the first 0x01).
            var granted = 2 * window;
            var received = new List<byte>();
            var sinceGrant = 0;
            while (true)
            {
                var b = (await board.ReadExactlyAsync(1))[0];
                if (b == 0x04)
                    break;
                received.Add(b);
                if (received.Count > granted)
                    throw new InvalidDataException($"host sent byte {received.Count} with only {granted} granted");
                if (++sinceGrant == window)
                {
                    sinceGrant = 0;
                    granted += window;
                    await board.SendAsync([0x01]);
                }
            }
            Assert.Equal(source, received.ToArray());
            await board.SendAsync("\u0004done\r\n\u0004\u0004>");
        });
        var result = await client.ExecAsync(code.ToString(), Guard());
        await script;
        Assert.Equal("done\r\n", result.StdoutText);
        Assert.Equal(window, client.RawPasteWindow);
    }

    [Fact]
    public async Task Raw_paste_stops_sending_when_the_board_ends_early()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var code = "def f(:\n" + string.Concat(Enumerable.Repeat("pass  # padding the script out\n", 90));
        const string error = "Traceback (most recent call last):\n  File \"<stdin>\", line 1\nSyntaxError: invalid syntax\n";
        int skipped = 0;
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            var first = await board.ReadExactlyAsync(256);
            Assert.Equal(Encoding.ASCII.GetBytes(code)[..256], first);
            await board.SendAsync("\u0004");
            // The board discards input until the host's 0x04.
            skipped = await board.SkipToAsync(0x04);
            await board.SendAsync("\u0004" + error + "\u0004>");
        });
        var result = await client.ExecAsync(code, Guard());
        await script;
        Assert.Equal(0, skipped);
        Assert.Empty(result.Stdout);
        Assert.Equal(error, result.Stderr);
        Assert.True(result.Failed);
        Assert.True(client.IsInRawRepl);
    }

    [Fact]
    public async Task Falls_back_to_classic_on_R00_consuming_the_extra_prompt_and_remembers()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0000>");
            await board.ExpectAsync("print(1)\u0004");
            await board.SendAsync("OK1\n\u0004\u0004>");
            // Second submission: classic straight away.
            await board.ExpectAsync("1/0\u0004");
            await board.SendAsync("OK\u0004Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: divide by zero\n\u0004>");
        });
        var first = await client.ExecAsync("print(1)", Guard());
        var second = await client.ExecAsync("1/0", Guard());
        await script;
        Assert.Equal("1\n", first.StdoutText);
        Assert.False(client.RawPasteSupported);
        Assert.EndsWith("ZeroDivisionError: divide by zero\n", second.Stderr);
        var ex = Assert.Throws<RemoteExecException>(() => second.ThrowIfFailed("sim"));
        Assert.Equal("ZeroDivisionError: divide by zero", ex.ErrorLine);
        Assert.Null(ex.OsErrno);
    }

    [Fact]
    public async Task Falls_back_to_classic_when_the_board_has_no_raw_paste()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            // Old firmware: Ctrl-A re-prints the banner, the 0x05 and 'A' were just code bytes it dropped.
            await board.SendAsync(Banner + ">");
            await board.ExpectAsync("x = 1\u0004");
            await board.SendAsync("OK\u0004\u0004>");
        });
        var result = await client.ExecAsync("x = 1", Guard());
        await script;
        Assert.False(result.Failed);
        Assert.False(client.RawPasteSupported);
    }

    [Fact]
    public async Task Classic_submission_is_sliced_and_a_bad_answer_is_a_desync()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var code = new string('#', 600);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0000>");
            await board.ExpectAsync(code + "\u0004");
            await board.SendAsync("NO");
        });
        var ex = await Assert.ThrowsAsync<ProtocolDesyncException>(() => client.ExecAsync(code, Guard()));
        await script;
        Assert.Contains("\"NO\"", ex.Problem);
        Assert.False(client.IsInRawRepl);
    }

    [Fact]
    public async Task Eval_parses_the_printed_repr()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("print(repr(getattr(sys.implementation, '_mpy', 0)))\u0004");
            await board.SendAsync("\u00042822\r\n\u0004\u0004>");
        });
        Assert.Equal(2822L, await client.EvalAsync("getattr(sys.implementation, '_mpy', 0)", Guard()));
        await script;
    }

    [Fact]
    public async Task Eval_of_a_failing_expression_throws_with_the_errno()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("print(repr(os.stat('/nope')))\u0004");
            await board.SendAsync("\u0004\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n\u0004>");
        });
        var ex = await Assert.ThrowsAsync<RemoteExecException>(() => client.EvalAsync("os.stat('/nope')", Guard()));
        await script;
        Assert.Equal(2, ex.OsErrno);
        Assert.Contains("OSError: [Errno 2] ENOENT", ex.Message);
        Assert.Contains("sim", ex.Message);
    }

    [Fact]
    public async Task Soft_reset_in_the_raw_repl()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0004");
            await board.SendAsync("OK\r\nMPY: soft reboot\r\n" + Banner + ">");
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("pass\u0004");
            await board.SendAsync("\u0004\u0004\u0004>");
        });
        await client.SoftResetAsync(Guard());
        Assert.True(client.IsInRawRepl);
        Assert.False((await client.ExecAsync("pass", Guard())).Failed);
        await script;
    }

    [Fact]
    public async Task Keyboard_interrupt_ends_a_followed_program()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        const string interrupted = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nKeyboardInterrupt: \r\n";
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("while True: pass\u0004");
            await board.SendAsync("\u0004running\r\n");
            await board.ExpectAsync("\u0003");
            await board.SendAsync("\u0004" + interrupted + "\u0004>");
        });
        var streamed = new List<byte>();
        var firstOutput = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exec = client.ExecAsync("while True: pass", (data, _) =>
        {
            streamed.AddRange(data.Span);
            firstOutput.TrySetResult();
            return ValueTask.CompletedTask;
        }, follow: true, Guard());
        await firstOutput.Task.WaitAsync(HangGuard);
        await client.InterruptAsync(Guard());
        var result = await exec;
        await script;
        Assert.Equal("running\r\n", Encoding.ASCII.GetString([.. streamed]));
        Assert.Empty(result.Stdout);
        Assert.Equal(interrupted, result.Stderr);
    }

    [Fact]
    public async Task Mount_requests_during_exec_are_served_by_the_connection_not_seen_as_output()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        var handler = new RecordingHandler(RecordingHandler.Plausible);
        connection.MountHandler = handler;
        await EnterAsync(client, board);
        RemoteFsReply? reply = null;
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("import lib\u0004");
            await board.SendAsync("\u0004a");
            reply = await board.RequestAsync(new StatRequest("/lib.py"));
            await board.SendAsync("b\u0004\u0004>");
        });
        var result = await client.ExecAsync("import lib", Guard());
        await script;
        Assert.Equal("ab", result.StdoutText);
        Assert.Equal(new StatRequest("/lib.py"), Assert.Single(handler.Seen));
        Assert.IsType<StatReply>(reply);
    }

    [Fact]
    public async Task Mount_requests_count_as_activity_for_the_helper_idle_deadline()
    {
        var time = new FakeTimeProvider();
        var (client, connection, board) = Link(time);
        await using var _ = connection;
        connection.MountHandler = new RecordingHandler(RecordingHandler.Plausible);
        await EnterAsync(client, board);
        var exec = client.ExecAsync("import big", Guard());
        await board.ExpectAsync("\u0005A\u0001");
        await board.SendAsync("R\u0001\u0080\u0000\u0001");
        await board.ExpectAsync("import big\u0004");
        await board.SendAsync("\u0004");
        // Served while the host waits for output, so the output deadline exists from here on.
        await board.RequestAsync(new StatRequest("/big.py"));

        // Subscribed after the deadline's own handler, so this runs once the deadline has been re-armed.
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.RequestServed += (_, _, _) => second.TrySetResult();
        time.Advance(TimeSpan.FromSeconds(6));
        await board.RequestAsync(new ReadRequest(3, 2048));
        await second.Task.WaitAsync(HangGuard);
        // 12 s since the output wait began, 6 s since the last request: still within the 10 s idle deadline.
        time.Advance(TimeSpan.FromSeconds(6));
        await board.SendAsync("ok\u0004\u0004>");
        var result = await exec;
        Assert.Equal("ok", result.StdoutText);
        Assert.Equal(2, connection.RequestsServed);
    }

    [Fact]
    public async Task A_device_that_is_not_micropython_is_reported_with_what_it_sent()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        // Long enough for the scripted reply to arrive first even on a loaded machine; the timeout itself is what is tested.
        client.HelperTimeout = TimeSpan.FromSeconds(2);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\r\u0003");
            await board.ExpectAsync("\r\u0001");
            await board.SendAsync("AT\r\nERROR\r\n\u0007");
        });
        var ex = await Assert.ThrowsAsync<NotMicroPythonException>(() => client.EnterRawReplAsync(softReset: false, Guard()));
        await script;
        Assert.Contains("\"AT\\r\\nERROR\\r\\n\\x07\"", ex.Problem);
        Assert.Contains("sim", ex.Problem);
        Assert.False(client.IsInRawRepl);
    }

    [Fact]
    public async Task A_silent_board_during_a_helper_is_a_timeout()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("import time\u0004");
            // Shortened only now, so the earlier steps keep their generous deadline.
            client.HelperTimeout = TimeSpan.FromMilliseconds(200);
            await board.SendAsync("\u0004");
        });
        var ex = await Assert.ThrowsAsync<DeviceTimeoutException>(() => client.ExecAsync("import time", Guard()));
        await script;
        Assert.Contains("sim", ex.Problem);
        Assert.False(client.IsInRawRepl);
    }

    [Fact]
    public async Task The_board_disconnecting_during_exec_is_reported()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        var script = Task.Run(async () =>
        {
            await board.ExpectAsync("\u0005A\u0001");
            await board.SendAsync("R\u0001\u0080\u0000\u0001");
            await board.ExpectAsync("x\u0004");
            await board.SendAsync("\u0004partial");
            await ((IAsyncDisposable)board.Pipe).DisposeAsync();
        });
        var ex = await Assert.ThrowsAsync<DeviceDisconnectedException>(() => client.ExecAsync("x", (_, _) => ValueTask.CompletedTask, follow: true, Guard()));
        await script;
        Assert.Contains("following the program's output", ex.Problem);
    }

    [Fact]
    public async Task Control_bytes_in_code_are_refused()
    {
        var (client, connection, board) = Link();
        await using var _ = connection;
        await EnterAsync(client, board);
        await Assert.ThrowsAsync<ArgumentException>(() => client.ExecAsync("print('\u0004')", Guard()));
    }

    [Fact]
    public async Task Exec_outside_the_raw_repl_is_a_usage_error()
    {
        var (client, connection, _) = Link();
        await using var __ = connection;
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.ExecAsync("pass", Guard()));
    }
}
