namespace Mpyd.DeviceSim.Tests;

/// <summary>machine.reset() (hard reset) and machine.bootloader(), as mpremote's reset/bootloader shortcuts run them.</summary>
public sealed class MachineResetTests
{
    // The exact code of mpremote's "reset" shortcut (an exec --no-follow).
    private const string ResetSnippet = "import time, machine; time.sleep_ms(100); machine.reset()";
    private const string BootloaderSnippet = "import time, machine; time.sleep_ms(100); machine.bootloader()";
    private const string Banner = "MicroPython v1.28.0 on 2026-04-06; mpyd simulated board with sim\r\nType \"help()\" for more information.\r\n>>> ";

    private static async Task<BoardHarness> RawAsync(SimulatedBoard board)
    {
        var h = new BoardHarness(board: board);
        await h.SendAsync("\r\x01");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        return h;
    }

    [Fact]
    public async Task Reset_from_the_raw_repl_restarts_like_power_on_without_soft_reboot_or_framing()
    {
        var board = new SimulatedBoard(new SimulatedBoardOptions { BootOutput = "boot!\n", MainOutput = "main!\n" });
        await using var h = await RawAsync(board);

        await h.SendAsync(ResetSnippet + "\x04");

        Assert.Equal("OKboot!\r\nmain!\r\n" + Banner, await h.ReadUntilAsync(">>> "));
        Assert.Equal(1, board.HardResetCount);
        Assert.Equal(0, board.SoftRebootCount);
        Assert.False(board.IsRawRepl);
    }

    [Fact]
    public async Task Reset_clears_ram_state_and_the_current_directory_but_keeps_flash()
    {
        var board = new SimulatedBoard();
        board.Flash.WriteFile("/keep.py", "x = 1\n");
        await using var h = await RawAsync(board);
        board.Flash.CreateDirectory("/lib");
        await h.SendAsync("y = 2\nimport os\nos.chdir('/lib')\x04");
        Assert.Equal("OK\x04\x04>", await h.ReadUntilAsync("\x04>"));
        Assert.Equal("/lib", await board.GetCwdAsync(BoardHarness.Deadline()));

        await h.SendAsync(ResetSnippet + "\x04");
        await h.ReadUntilAsync(">>> ");

        Assert.Equal("/", await board.GetCwdAsync(BoardHarness.Deadline()));
        await h.SendAsync("\x01");
        await h.ReadUntilAsync("raw REPL; CTRL-B to exit\r\n>");
        await h.SendAsync("print(y)\x04");
        Assert.Contains("NameError: name 'y' isn't defined", await h.ReadUntilAsync("\x04>"));
        await h.SendAsync("import os; print(os.listdir('/'))\x04");
        Assert.Equal("OK['keep.py', 'lib']\r\n\x04\x04>", await h.ReadUntilAsync("\x04>"));
    }

    [Fact]
    public async Task Reset_from_the_friendly_repl_prints_the_banner_again()
    {
        var board = new SimulatedBoard();
        await using var h = new BoardHarness(board: board);

        await h.SendAsync("import machine\r");
        await h.ReadUntilAsync(">>> ");
        await h.SendAsync("machine.reset()\r");

        Assert.Equal("machine.reset()\r\n" + Banner, await h.ReadUntilAsync(">>> "));
        Assert.Equal(1, board.HardResetCount);
    }

    [Fact]
    public async Task Input_buffered_before_the_reset_is_lost()
    {
        var board = new SimulatedBoard();
        await using var h = await RawAsync(board);

        // One write: the code, then a line the board has received but not read when it resets.
        await h.SendAsync(ResetSnippet + "\x04" + "print('lost')\r");
        Assert.Equal("OK" + Banner, await h.ReadUntilAsync(">>> "));
        await h.SendAsync("print('kept')\r");

        Assert.Equal("print('kept')\r\nkept\r\n>>> ", await h.ReadUntilAsync(">>> "));
    }

    [Fact]
    public async Task Bootloader_leaves_micropython_and_the_board_answers_nothing_more()
    {
        var board = new SimulatedBoard();
        await using var h = await RawAsync(board);

        await h.SendAsync(BootloaderSnippet + "\x04");
        await h.SendAsync("\x03\x02\r\x01print(1)\x04");
        await h.CloseInputAsync();

        Assert.Equal("OK", await h.ReadToEndAsync());
        Assert.Equal(0, board.HardResetCount);
        await Assert.ThrowsAsync<TimeoutException>(() => board.GetCwdAsync(BoardHarness.Deadline()));
    }
}
