using Mpyd.MountDaemon.Cli.Shortcuts;

namespace Mpyd.MountDaemon.Tests.Cli;

/// <summary>mpremote's config.py is read as data: literals only, never executed.</summary>
public class PythonLiteralReaderTests
{
    [Fact]
    public void Reads_the_commands_dictionary_of_a_typical_config()
    {
        const string source = """
            # my mpremote config
            import os

            commands = {
                "c33": "connect id:334D335C3138",  # my pico
                'bl': {"command": ["exec", "import machine; machine.bootloader()"], "help": "to the bootloader"},
                "multi": "exec 'a = 1' "
                         "exec 'b = 2'",
                r"raw\d": ['x\ty', "\u00e9"],
                "t": (True, False, None, 42, -1.5),
            }
            """;
        var value = PythonLiteralReader.ReadAssignment(source, "commands", out var found);
        Assert.True(found);
        var dict = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal("connect id:334D335C3138", dict["c33"]);
        var bl = Assert.IsType<Dictionary<string, object?>>(dict["bl"]);
        Assert.Equal(new List<object?> { "exec", "import machine; machine.bootloader()" }, bl["command"]);
        Assert.Equal("exec 'a = 1' exec 'b = 2'", dict["multi"]);
        Assert.Equal(new List<object?> { "x\ty", "é" }, dict[@"raw\d"]);
        Assert.Equal(new List<object?> { true, false, null, 42L, -1.5 }, dict["t"]);
    }

    [Fact]
    public void The_last_assignment_wins_as_when_python_runs_the_file()
    {
        var value = PythonLiteralReader.ReadAssignment("commands = {'a': 'ls'}\ncommands = {'b': 'df'}\n", "commands", out _);
        Assert.Equal(["b"], Assert.IsType<Dictionary<string, object?>>(value).Keys);
    }

    [Fact]
    public void No_assignment_is_not_found()
    {
        Assert.Null(PythonLiteralReader.ReadAssignment("x = 1\n  commands = {}\n", "commands", out var found));
        Assert.False(found);
    }

    [Theory]
    [InlineData("commands = dict(a='ls')\n", "line 1: 'dict' is not a literal")]
    [InlineData("commands = {\n  'a': os.getcwd(),\n}\n", "line 2: 'os' is not a literal")]
    [InlineData("commands = {'a': 'ls'\n", "expected ',' or '}'")]
    [InlineData("commands = {'a': 'ls}\n", "line 1: unterminated string")]
    [InlineData("commands = {'a': 'ls'} + extra\n", "expected the end of the line")]
    public void Code_is_refused_with_its_line_never_run(string source, string message)
    {
        var error = Assert.Throws<FormatException>(() => PythonLiteralReader.ReadAssignment(source, "commands", out _));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
