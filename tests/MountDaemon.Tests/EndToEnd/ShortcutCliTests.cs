using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>The user's shortcuts through the real mpyd executable and the simulated board.</summary>
public sealed class ShortcutCliTests : IDisposable
{
    private readonly TempDir _config = new();

    public void Dispose() => _config.Dispose();

    private Dictionary<string, string> Environment => new() { ["XDG_CONFIG_HOME"] = _config.Path };

    [Fact]
    public async Task A_macro_from_config_json_runs_with_its_parameters()
    {
        Directory.CreateDirectory(Path.Join(_config.Path, "mpyd"));
        File.WriteAllText(Path.Join(_config.Path, "mpyd", "config.json"), """
            { "commands": { "times a b=7": { "command": ["eval", "a * b"], "help": "multiply on the board" } } }
            """);
        var result = await MpydProcess.RunAsync(["connect", "sim", "times", "6"], Environment);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("42\n", result.Stdout.Replace("\r\n", "\n"));

        var named = await MpydProcess.RunAsync(["connect", "sim", "times", "a=2", "b=3"], Environment);
        Assert.Equal("6\n", named.Stdout.Replace("\r\n", "\n"));

        var help = await MpydProcess.RunAsync(["help"], Environment);
        Assert.Contains("times a b=7", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("multiply on the board", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mpremote_config_py_is_read_as_data()
    {
        Directory.CreateDirectory(Path.Join(_config.Path, "mpremote"));
        File.WriteAllText(Path.Join(_config.Path, "mpremote", "config.py"), """
            # kept from mpremote
            commands = {
                "answer": "eval 40+2",
            }
            """);
        var result = await MpydProcess.RunAsync(["connect", "sim", "answer"], Environment);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("42\n", result.Stdout.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task A_missing_macro_argument_is_one_line_and_exit_1()
    {
        Directory.CreateDirectory(Path.Join(_config.Path, "mpyd"));
        File.WriteAllText(Path.Join(_config.Path, "mpyd", "config.json"), """{ "commands": { "times a b": "eval a*b" } }""");
        var result = await MpydProcess.RunAsync(["times", "6"], Environment);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mpyd: Command times missing argument b; signature is: times a b\n", result.Stderr);
    }

    [Fact]
    public async Task A_config_py_with_code_warns_and_the_command_still_runs()
    {
        Directory.CreateDirectory(Path.Join(_config.Path, "mpremote"));
        File.WriteAllText(Path.Join(_config.Path, "mpremote", "config.py"), "import os\ncommands = {'x': os.getcwd()}\n");
        var result = await MpydProcess.RunAsync(["connect", "sim", "eval", "1+1"], Environment);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2\n", result.Stdout.Replace("\r\n", "\n"));
        Assert.Contains("mpyd: warning:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("never runs the file", result.Stderr, StringComparison.Ordinal);
    }
}
