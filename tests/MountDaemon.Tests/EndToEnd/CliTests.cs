using Mpyd.DeviceSim.Pty;
using Mpyd.MountDaemon.Tests.TestKit;
using Mpyd.Protocol.Transport;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>The real executable: the README's demo, the serial and TCP paths, and every kind of bad input.</summary>
public class CliTests
{
    private static readonly Dictionary<string, string> FastTimeouts = new() { ["MPYD_HELPERTIMEOUTMS"] = "1500" };

    [Fact]
    public async Task The_readme_demo_imports_a_module_from_the_examples_on_the_simulated_board()
    {
        var examples = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../examples"));
        var result = await MpydProcess.RunAsync(["connect", "sim", "mount", examples, "exec", "import hello"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^imported /remote/hello\.mpy \(\d+ bytes, bytecode, \d+ requests\)\r?\n$", result.Stdout);
        Assert.Contains($"Local directory {examples} is mounted at /remote", result.Stderr);
    }

    [Fact]
    public async Task Mount_over_a_real_pseudo_terminal_through_System_IO_Ports()
    {
        using var dir = new TempDir();
        dir.Write("sensor.py", "def read():\n    return 21.5\n");
        using var sim = MpydProcess.Start(["sim", "--pty", "--link", "none"]);
        var ptyPath = await sim.StandardOutput.ReadLineAsync();
        try
        {
            Assert.StartsWith("/dev/", ptyPath);
            var result = await MpydProcess.RunAsync(["connect", ptyPath!, "mount", dir.Path, "exec", "import sensor"]);
            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("imported /remote/sensor.mpy (", result.Stdout);
        }
        finally
        {
            sim.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Mount_over_tcp()
    {
        using var dir = new TempDir();
        dir.Write("m.py", "X = 1\n");
        using var sim = MpydProcess.Start(["sim", "--tcp", "0", "--link", "none"]);
        var address = await sim.StandardOutput.ReadLineAsync();
        try
        {
            Assert.StartsWith("socket://127.0.0.1:", address);
            var result = await MpydProcess.RunAsync(["connect", address!, "mount", "--no-auto-mpy", dir.Path, "exec", "import m"]);
            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("imported /remote/m.py (6 bytes, source,", result.Stdout);
        }
        finally
        {
            sim.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task An_error_raised_on_the_board_gives_exit_status_1_and_the_traceback()
    {
        using var dir = new TempDir();
        var result = await MpydProcess.RunAsync(["connect", "sim", "mount", dir.Path, "exec", "import missing_module"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ImportError: no module named 'missing_module'", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "connect", "sim", "mount", "/no/such/dir" }, "mpyd: mount: directory '/no/such/dir' does not exist (", 1)]
    [InlineData(new[] { "connect", "/dev/ttyNOSUCH", "exec", "pass" }, "mpyd: serial port /dev/ttyNOSUCH does not exist", 1)]
    [InlineData(new[] { "connect", "socket://127.0.0.1:1", "exec", "pass" }, "mpyd: ", 1)]
    [InlineData(new[] { "connect", "bogus-device", "exec", "pass" }, "mpyd: unknown device 'bogus-device' (", 1)]
    [InlineData(new[] { "mount" }, "mpyd: mount: missing DIR (", 2)]
    [InlineData(new[] { "frobnicate" }, "mpyd: unknown command 'frobnicate' (", 2)]
    public async Task Bad_input_gives_one_clear_line_and_a_non_zero_exit(string[] args, string expected, int exitCode)
    {
        var result = await MpydProcess.RunAsync(args);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
    }

    [Fact]
    public async Task A_file_given_as_the_mount_directory_is_refused()
    {
        using var dir = new TempDir();
        var file = dir.Write("plain.txt", "x");
        var result = await MpydProcess.RunAsync(["connect", "sim", "mount", file]);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"mpyd: mount: '{file}' is a file, not a directory (", result.Stderr);
    }

    [Fact]
    public async Task A_device_that_is_not_micropython_is_reported_without_a_hang()
    {
        using var pty = PseudoTerminal.Open();
        // The other end prints garbage and never shows a raw REPL banner.
        await pty.Master.WriteAsync("\x1b[2J garbage from some other device \xff\xfe"u8.ToArray());
        var result = await MpydProcess.RunAsync(["connect", pty.SlavePath, "exec", "pass"], FastTimeouts);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"mpyd: {pty.SlavePath} did not answer like a MicroPython board", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_busy_port_is_reported()
    {
        using var pty = PseudoTerminal.Open();
        await using var holder = SerialTransport.Open(pty.SlavePath);
        var result = await MpydProcess.RunAsync(["connect", pty.SlavePath, "exec", "pass"], FastTimeouts);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("in use", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Help_and_version()
    {
        var help = await MpydProcess.RunAsync(["help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("usage: mpyd [COMMAND [options] [args...]]...", help.Stdout);
        Assert.Contains("  reset ", help.Stdout); // the shortcuts are listed too
        var version = await MpydProcess.RunAsync(["--version"]);
        Assert.Matches(@"^mpyd \d+\.\d+\.\d+\n$", version.Stdout);
        var inChain = await MpydProcess.RunAsync(["version"]);
        Assert.Equal(version.Stdout, inChain.Stdout);
    }

    [Theory]
    [InlineData("fs", "usage: mpyd fs SUB")]
    [InlineData("cp", "usage: mpyd fs SUB")]
    [InlineData("mount", "usage: mpyd mount [options] DIR")]
    [InlineData("mip", "usage: mpyd mip install")]
    [InlineData("compile", "usage: mpyd compile")]
    [InlineData("sim", "usage: mpyd sim")]
    public async Task Each_command_has_its_help(string command, string usage)
    {
        var viaFlag = await MpydProcess.RunAsync([command, "--help"]);
        Assert.Equal(0, viaFlag.ExitCode);
        Assert.StartsWith(usage, viaFlag.Stdout, StringComparison.Ordinal);
        var viaHelp = await MpydProcess.RunAsync(["help", command]);
        Assert.Equal(viaFlag.Stdout, viaHelp.Stdout);
    }

    [Fact]
    public async Task Connect_list_prints_one_mpremote_line_per_port_and_needs_no_board()
    {
        var result = await MpydProcess.RunAsync(["connect", "list"]);
        Assert.Equal(0, result.ExitCode);
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Assert.Matches(@"^\S+ \S+ [0-9a-f]{4}:[0-9a-f]{4} .+ .+$", line);
        var shortcut = await MpydProcess.RunAsync(["devs"]);
        Assert.Equal(result.Stdout, shortcut.Stdout);
    }

    [Theory]
    [InlineData("reset")]
    [InlineData("bootloader")]
    public async Task Reset_and_bootloader_return_once_the_board_has_the_code(string command)
    {
        var result = await MpydProcess.RunAsync(["connect", "sim", command]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Disconnect_then_a_new_connection_in_one_chain()
    {
        // Each "connect sim" starts a fresh simulated board: the second eval cannot see the first's variable.
        var result = await MpydProcess.RunAsync(["connect", "sim", "exec", "x = 5", "disconnect", "connect", "sim", "eval", "x"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("NameError", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"ReadAhead\": 4 }", "MPYD_READAHEAD=4 is outside 16..65536")]
    [InlineData("{ \"ReadAhead\": \"lots\" }", "Failed to convert configuration value 'lots' at 'ReadAhead'")]
    public async Task A_bad_setting_is_one_line_before_anything_connects(string json, string message)
    {
        using var config = new TempDir();
        Directory.CreateDirectory(Path.Join(config.Path, "mpyd"));
        File.WriteAllText(Path.Join(config.Path, "mpyd", "config.json"), json);
        var result = await MpydProcess.RunAsync(["connect", "sim", "eval", "1"], new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = config.Path });
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("mpyd: bad setting: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Help_for_an_unknown_command_is_a_usage_error()
    {
        var result = await MpydProcess.RunAsync(["help", "fly"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("mpyd: help: no command 'fly' (run 'mpyd help' for the commands)\n", result.Stderr);
    }
}
