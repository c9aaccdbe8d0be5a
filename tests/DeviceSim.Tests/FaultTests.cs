using System.Text;
using Mpyd.DeviceSim.Link;
using Mpyd.Protocol.Board;

namespace Mpyd.DeviceSim.Tests;

public sealed class FaultTests : IDisposable
{
    private readonly TempDirHandler _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DroppedByte_ToBoard_IsNeverSeen()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { Faults = FaultPlan.DropByte(LinkDirection.ToBoard, 1) });
        await h.SendAsync("7\r");
        Assert.Equal("\r\n>>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task CorruptedByte_ToHost_ArrivesXored()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { Faults = FaultPlan.CorruptByte(LinkDirection.ToHost, 1, 0x20) });
        await h.SendAsync("\x03");
        Assert.Equal("-\n>>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task DisconnectAfterBytes_EndsTheLinkBothWays()
    {
        await using var h = new BoardHarness(new SimulatedBoardOptions { Faults = FaultPlan.DisconnectAfterBytes(LinkDirection.ToHost, 3) });
        await h.SendAsync("\x03");
        Assert.Equal("\r\n>", await h.ReadToEndAsync());
        await h.Run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private async Task<BoardHarness> MountedWithAsync(FaultPlan faults)
    {
        _dir.Write("m.py", "x = 1\n");
        return await MountTests.MountedAsync(_dir, new SimulatedBoardOptions { Faults = faults });
    }

    [Fact]
    public async Task DisconnectAtRequest_ClosesBeforeTheRequest()
    {
        await using var h = await MountedWithAsync(FaultPlan.DisconnectAtRequestNumber(2));
        await h.SendAsync("import m\x04");
        var rest = await h.ReadToEndAsync();
        Assert.Equal("OK", rest);
        Assert.Single(h.Served);
        await h.Run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task SoftResetAtRequest_RebootsMidRequest_AndForgetsTheMount()
    {
        await using var h = await MountedWithAsync(FaultPlan.SoftResetAtRequestNumber(2));
        await h.SendAsync("import m\x04");
        var text = await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        Assert.Equal("OK\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>", text);
        Assert.False(h.Board.IsMounted);
        Assert.Equal(2, h.Board.MountLog.Count);
    }

    [Fact]
    public async Task HangAtRequest_StopsAnswering()
    {
        await using var h = await MountedWithAsync(FaultPlan.HangAtRequestNumber(1));
        h.AckRequests = false;
        await h.SendAsync("import m\x04");
        // The board stops after the request's first bytes.
        Assert.Equal("OK\x18\x80\x01", await h.ReadUntilAsync("\x18\x80\x01"));
        await Assert.ThrowsAsync<TimeoutException>(() => h.Board.Files.StatAsync("/", BoardHarness.Deadline()));
        Assert.Single(h.Board.MountLog);
    }
}
