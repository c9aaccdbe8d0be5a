using System.IO.Pipelines;
using Microsoft.Extensions.Time.Testing;
using Mpyd.DeviceSim.Link;

namespace Mpyd.DeviceSim.Tests;

public sealed class LinkModelTests
{
    /// <summary>A fake clock that reports when a timer is created, so the test advances time only after the link waits.</summary>
    private sealed class SignalingTimeProvider : FakeTimeProvider
    {
        private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextTimer() => _created.Task;

        public int Count;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Count++;
            global::System.IO.File.AppendAllText("/tmp/timers.log", $"timer {dueTime} {period} {Environment.StackTrace}\n");
            var created = _created;
            _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
            created.TrySetResult();
            return timer;
        }
    }

    private sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    [Fact]
    public void TransferTime_IsLatencyPlusBytesOverRate()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), LinkModel.Uart115200.TransferTime(LinkDirection.ToBoard, 11_520));
        Assert.Equal(TimeSpan.FromMilliseconds(2), LinkModel.Usb12M.TransferTime(LinkDirection.ToHost, 1_200));
        Assert.Equal(TimeSpan.Zero, LinkModel.Usb12M.TransferTime(LinkDirection.ToHost, 0));
    }

    [Theory]
    [InlineData(11_520, 1000)]
    [InlineData(1_152, 100)]
    public async Task Uart_DeliversAfterTheModelledTime_OnTheFakeClock(int bytes, int expectedMs)
    {
        var time = new SignalingTimeProvider();
        var hostToBoard = new Pipe();
        var boardToHost = new Pipe();
        await using var link = new SimulatedLink(new DuplexPipe(hostToBoard.Reader, boardToHost.Writer), LinkModel.Uart115200, null, time);
        var timer = time.NextTimer();
        await hostToBoard.Writer.WriteAsync(new byte[bytes]);
        await timer.WaitAsync(TimeSpan.FromSeconds(20));
        var read = link.Input.ReadAsync().AsTask();
        time.Advance(TimeSpan.FromMilliseconds(expectedMs) - TimeSpan.FromTicks(1));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        var result = await read.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(bytes, result.Buffer.Length);
        Assert.Equal(bytes, link.BytesToBoard);
    }

    [Fact]
    public async Task Usb_ChargesLatencyPerTransfer_BoardToHost()
    {
        var time = new SignalingTimeProvider();
        var hostToBoard = new Pipe();
        var boardToHost = new Pipe();
        await using var link = new SimulatedLink(new DuplexPipe(hostToBoard.Reader, boardToHost.Writer), LinkModel.Usb12M, null, time);
        var timer = time.NextTimer();
        await link.Output.WriteAsync(new byte[1_200]);
        await timer.WaitAsync(TimeSpan.FromSeconds(20));
        var read = boardToHost.Reader.ReadAsync().AsTask();
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1_200, (await read.WaitAsync(TimeSpan.FromSeconds(20))).Buffer.Length);
    }
}

public sealed class BoardOnModelledLinkTests
{
    private sealed class SignalingTimeProvider : Microsoft.Extensions.Time.Testing.FakeTimeProvider
    {
        private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task NextTimer() => _created.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            var created = _created;
            _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
            created.TrySetResult();
            return timer;
        }
    }

    [Fact]
    public async Task Echo_ArrivesOnlyAfterBothDirectionsElapse()
    {
        var time = new SignalingTimeProvider();
        await using var h = new BoardHarness(new SimulatedBoardOptions { Link = LinkModel.Usb12M, TimeProvider = time });
        var toBoard = time.NextTimer();
        await h.SendAsync("\x03");
        await toBoard.WaitAsync(TimeSpan.FromSeconds(20));
        var toHost = time.NextTimer();
        var read = h.ReadUntilAsync(">>> ");
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await toHost.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("\r\n>>> ", await read.WaitAsync(TimeSpan.FromSeconds(20)));
    }
}
