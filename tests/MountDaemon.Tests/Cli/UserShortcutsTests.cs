using Mpyd.MountDaemon.Cli.Shortcuts;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.Cli;

/// <summary>Loading the user's shortcuts from real files: mpyd's config.json and mpremote's config.py.</summary>
public sealed class UserShortcutsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _warnings = [];

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Join(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Both_files_load_and_mpyd_definitions_win()
    {
        var json = Write("config.json", """
            { "ReadAhead": 4096,
              "commands": { "hi": "exec 'print(1)'", "led on=1": { "command": ["exec", "led(on)"], "help": "LED" } } }
            """);
        var py = Write("config.py", "commands = {'hi': 'eval 2', 'old': 'ls'}\n");
        var shortcuts = UserShortcuts.Load(json, py, _warnings.Add);
        Assert.Empty(_warnings);
        Assert.Equal(["hi", "led", "old"], shortcuts.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["exec", "'print(1)'"], shortcuts.Single(s => s.Name == "hi").Expansion);
        Assert.Equal("LED", shortcuts.Single(s => s.Name == "led").Help);
    }

    [Fact]
    public void Missing_files_have_no_shortcuts_and_no_warnings()
    {
        Assert.Empty(UserShortcuts.Load(Path.Join(_dir.Path, "none.json"), Path.Join(_dir.Path, "none.py"), _warnings.Add));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void A_config_py_that_computes_its_commands_costs_one_warning_not_the_run()
    {
        var py = Write("config.py", "import os\ncommands = {'x': os.environ['CMD']}\n");
        Assert.Empty(UserShortcuts.FromMpremoteConfig(py, _warnings.Add));
        var warning = Assert.Single(_warnings);
        Assert.Contains("never runs the file", warning, StringComparison.Ordinal);
        Assert.Contains("line 2", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_costs_one_warning()
    {
        var json = Write("config.json", "{ \"commands\": { \"x\": 5 } }");
        Assert.Empty(UserShortcuts.FromMpydConfig(json, _warnings.Add));
        Assert.Contains("must expand to a string or a list of strings", Assert.Single(_warnings), StringComparison.Ordinal);
    }
}
