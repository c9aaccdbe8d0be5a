using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>repl --capture, --inject-code, --inject-file and -e against the simulated board.</summary>
public sealed class ReplOptionsTests
{
    // The board says nothing until spoken to; a first command leaves it at the raw REPL, which the
    // REPL leaves for the friendly prompt (as after "mpyd exec ... repl").
    private static async Task<SimMount> StartedAsync()
    {
        var sim = SimMount.Start();
        Assert.True(await sim.ExecAsync("ready = 1"), sim.Console.Output);
        return sim;
    }

    [Fact]
    public async Task Capture_writes_what_the_terminal_shows_to_the_file()
    {
        await using var sim = await StartedAsync();
        var capture = Path.Join(sim.Dir.Path, "session.log");
        File.WriteAllText(capture, "old content that must go");
        await sim.StartReplAsync(new ReplStep(Capture: capture));
        await sim.TypeAsync("6 * 7\r");
        await sim.Console.WaitForAsync("42");
        await sim.StopReplAsync();

        var captured = File.ReadAllText(capture);
        Assert.DoesNotContain("old content", captured, StringComparison.Ordinal);
        Assert.Contains(">>> 6 * 7\r\n42\r\n>>> ", captured, StringComparison.Ordinal);
        Assert.EndsWith(captured, sim.Console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_J_sends_the_injected_code_with_new_lines()
    {
        await using var sim = await StartedAsync();
        await sim.StartReplAsync(new ReplStep(InjectCode: @"x = 6\nprint('x7 =', x * 7)\n"));
        await sim.TypeAsync("\n");
        await sim.Console.WaitForAsync("x7 = 42");
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task Without_inject_code_Ctrl_J_is_an_ordinary_key()
    {
        await using var sim = await StartedAsync();
        await sim.StartReplAsync();
        await sim.TypeAsync("1 + 2\n");
        await sim.Console.WaitForAsync("3");
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task Ctrl_K_runs_the_injected_file_and_the_repl_carries_on()
    {
        await using var sim = await StartedAsync();
        var script = Path.Join(sim.Dir.Path, "inject.py");
        File.WriteAllText(script, "y = 5\nprint('injected', y * 8)\n");
        await sim.StartReplAsync(new ReplStep(InjectFile: script));
        await sim.TypeAsync("\x0b");
        await sim.Console.WaitForAsync("Injecting " + script);
        await sim.Console.WaitForAsync("injected 40");
        var after = sim.Console.Output.Length;
        // The file ran in the board's REPL namespace and the friendly REPL answers again.
        await sim.TypeAsync("y + 1\r");
        await sim.Console.WaitForAsync("6", after);
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task Injecting_a_missing_file_says_so_and_keeps_the_repl()
    {
        await using var sim = await StartedAsync();
        var missing = Path.Join(sim.Dir.Path, "missing.py");
        await sim.StartReplAsync(new ReplStep(InjectFile: missing));
        await sim.TypeAsync("\x0b");
        await sim.Console.WaitForAsync("cannot inject '" + missing + "'");
        await sim.TypeAsync("2 * 21\r");
        await sim.Console.WaitForAsync("42");
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task Unicode_passes_through_both_ways()
    {
        await using var sim = await StartedAsync();
        await sim.StartReplAsync();
        var after = sim.Console.Output.Length;
        await sim.TypeAsync("print('gr\u00fc\u00dfe \u20ac \U0001F600')\r");
        await sim.Console.WaitForAsync("gr\u00fc\u00dfe \u20ac \U0001F600\r\n>>> ", after);
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task Escape_shows_non_printable_bytes_as_hex()
    {
        await using var sim = await StartedAsync();
        await sim.StartReplAsync(new ReplStep(EscapeNonPrintable: true));
        await sim.TypeAsync("print('a\\x07b\\x7f')\r");
        await sim.Console.WaitForAsync("a[07]b[7f]");
        await sim.StopReplAsync();
    }

    [Fact]
    public async Task An_unwritable_capture_file_is_one_clear_error()
    {
        await using var sim = await StartedAsync();
        var capture = Path.Join(sim.Dir.Path, "no-such-dir", "log.txt");
        var error = await Assert.ThrowsAsync<CommandException>(
            () => sim.Session.RunReplAsync(Stream.Null, new ReplStep(Capture: capture), SimMount.Timeout()));
        Assert.Contains("cannot write the capture file", error.Message, StringComparison.Ordinal);
    }
}
