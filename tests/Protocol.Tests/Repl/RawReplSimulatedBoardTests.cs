using System.Text;
using Mpyd.DeviceSim;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Tests.TestKit;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.Repl;

/// <summary>The raw REPL client and the connection against the simulated board, over an in-memory link.</summary>
public class RawReplSimulatedBoardTests
{
    [Fact]
    public async Task Enter_with_soft_reset_then_exec()
    {
        await using var s = new SimSession(new SimulatedBoardOptions { BootOutput = "boot says hi\n" });
        await s.Client.EnterRawReplAsync(softReset: true, Guard());
        Assert.True(s.Board.IsRawRepl);
        Assert.Equal(1, s.Board.SoftRebootCount);
        var result = await s.Client.ExecAsync("print('hi')", Guard());
        Assert.Equal("hi\r\n", result.StdoutText);
        Assert.False(result.Failed);
        Assert.True(s.Client.RawPasteSupported);
        Assert.Equal(128, s.Client.RawPasteWindow);
    }

    [Fact]
    public async Task Raw_paste_of_10_KB_through_a_32_byte_window()
    {
        await using var s = new SimSession(new SimulatedBoardOptions { RawPasteWindow = 32 });
        await s.Client.EnterRawReplAsync(softReset: false, Guard());
        var code = new StringBuilder();
        var i = 0;
        for (; code.Length < 10 * 1024; i++)
            code.Append($"v = {i}  # line {i} of a long program\n");
        code.Append("print(v)\n");
        var result = await s.Client.ExecAsync(code.ToString(), Guard());
        Assert.Equal("", result.Stderr);
        Assert.Equal($"{i - 1}\r\n", result.StdoutText);
        Assert.Equal(32, s.Client.RawPasteWindow);
        // The link is usable afterwards.
        Assert.Equal("1\r\n", (await s.Client.ExecAsync("print(1)", Guard())).StdoutText);
    }

    [Fact]
    public async Task Exec_errors_come_back_as_error_text()
    {
        await using var s = new SimSession();
        await s.Client.EnterRawReplAsync(softReset: false, Guard());
        var result = await s.Client.ExecAsync("print('before')\nundefined_name", Guard());
        Assert.Equal("before\r\n", result.StdoutText);
        Assert.True(result.Failed);
        var ex = Assert.Throws<RemoteExecException>(() => result.ThrowIfFailed(s.Connection.Name));
        Assert.Equal("NameError: name 'undefined_name' isn't defined", ex.ErrorLine);
        Assert.True(s.Client.IsInRawRepl);
    }

    [Fact]
    public async Task A_syntax_error_in_a_long_program_ends_the_paste_early()
    {
        await using var s = new SimSession();
        await s.Client.EnterRawReplAsync(softReset: false, Guard());
        var code = "x = (\n" + string.Concat(Enumerable.Repeat("# padding padding padding padding\n", 200));
        var result = await s.Client.ExecAsync(code, Guard());
        Assert.Contains("SyntaxError", result.Stderr);
        Assert.Equal("ok\r\n", (await s.Client.ExecAsync("print('ok')", Guard())).StdoutText);
    }

    [Fact]
    public async Task Keyboard_interrupt_stops_a_followed_program()
    {
        await using var s = new SimSession();
        await s.Client.EnterRawReplAsync(softReset: false, Guard());
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streamed = new StringBuilder();
        var exec = s.Client.ExecAsync("print('started')\nimport time\ntime.sleep(100000)", (data, _) =>
        {
            streamed.Append(Encoding.UTF8.GetString(data.Span));
            started.TrySetResult();
            return ValueTask.CompletedTask;
        }, follow: true, Guard());
        await started.Task.WaitAsync(HangGuard);
        await s.Client.InterruptAsync(Guard());
        var result = await exec;
        Assert.Equal("started\r\n", streamed.ToString());
        Assert.EndsWith("KeyboardInterrupt: \r\n", result.Stderr);
        Assert.True(s.Client.IsInRawRepl);
    }

    [Fact]
    public async Task Soft_reset_in_the_raw_repl_clears_the_globals()
    {
        await using var s = new SimSession();
        await s.Client.EnterRawReplAsync(softReset: false, Guard());
        await s.Client.ExecAsync("kept = 5", Guard());
        Assert.Equal(5L, await s.Client.EvalAsync("kept", Guard()));
        await s.Client.SoftResetAsync(Guard());
        Assert.Equal(1, s.Board.SoftRebootCount);
        var ex = await Assert.ThrowsAsync<RemoteExecException>(() => s.Client.EvalAsync("kept", Guard()));
        Assert.StartsWith("NameError", ex.ErrorLine);
    }

    [Fact]
    public async Task Eval_parses_what_the_board_prints()
    {
        await using var s = new SimSession();
        await s.Client.EnterRawReplAsync(softReset: false, Guard());
        var value = Assert.IsType<List<object?>>(await s.Client.EvalAsync("[1, 'a', b'\\x00', (2,), None, 1.5]", Guard()));
        Assert.Equal(1L, value[0]);
        Assert.Equal("a", value[1]);
        Assert.Equal(new byte[] { 0 }, value[2]);
        Assert.Equal(new object?[] { 2L }, value[3]);
        Assert.Null(value[4]);
        Assert.Equal(1.5, value[5]);
        (await s.Client.ExecAsync("import sys", Guard())).ThrowIfFailed("sim");
        Assert.Equal(774L, await s.Client.EvalAsync("getattr(sys.implementation, '_mpy', 0)", Guard()));
    }

    [Fact]
    public async Task Mount_requests_from_the_board_program_are_served_during_exec()
    {
        await using var s = new SimSession();
        // Only /data.py exists, so "import os" probes the mount and then takes the built-in module.
        var handler = new RecordingHandler(r => r is StatRequest { Path: not "/data.py" } ? RemoteFsReply.Error(Errno.ENOENT) : RecordingHandler.Plausible(r));
        s.Connection.MountHandler = handler;
        var served = 0;
        s.Connection.RequestServed += (_, _, _) => served++;
        await s.Client.EnterRawReplAsync(softReset: true, Guard());
        (await s.Client.ExecAsync(BoardProgram.WireText, Guard())).ThrowIfFailed("sim");
        (await s.Client.ExecAsync(BoardProgram.MountCall(), Guard())).ThrowIfFailed("sim");
        Assert.True(s.Board.IsMounted);

        var result = await s.Client.ExecAsync(
            "import os\nprint(os.stat('data.py'))\nprint(os.listdir())\nprint(os.statvfs('/remote'))", Guard());
        Assert.True(result.Stderr.Length == 0, result.Stderr);
        Assert.Equal("(33188, 0, 0, 0, 0, 0, 10, 1, 2, 3)\r\n['a.py']\r\n(4096, 4096, 10, 5, 5, 0, 0, 0, 0, 255)\r\n", result.StdoutText);
        Assert.Contains(new StatRequest("/data.py"), handler.Seen);
        Assert.Contains(new ListDirRequest("/"), handler.Seen);
        Assert.Contains(new StatFsRequest("/"), handler.Seen);
        Assert.Equal(handler.Seen.Count, s.Connection.RequestsServed);
        Assert.Equal(handler.Seen.Count, served);
        Assert.Equal(1, s.Connection.GetRequestCount(RemoteFsOp.ListDir));
    }
}
