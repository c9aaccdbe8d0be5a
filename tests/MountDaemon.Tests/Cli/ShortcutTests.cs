using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Cli.Shortcuts;

namespace Mpyd.MountDaemon.Tests.Cli;

/// <summary>User shortcuts with parameters, as mpremote's config "commands" define them.</summary>
public class ShortcutTests
{
    private static ShortcutTable Table(params (string Key, object? Value)[] entries) =>
        ShortcutTable.BuiltIn.With(entries.Select(e => ShortcutDefinition.Parse(e.Key, e.Value)).ToList());

    [Fact]
    public void Parameters_positionally_or_by_name_become_an_exec_before_the_expansion()
    {
        var table = Table(("double a b=2", "exec 'print(a*b)'"));
        Assert.Equal(
            [new ExecStep("a=3;b=2", true), new ExecStep("'print(a*b)'", true)],
            ChainParser.Parse(["double", "3"], table));
        Assert.Equal(
            [new ExecStep("a=4;b=5", true), new ExecStep("'print(a*b)'", true)],
            ChainParser.Parse(["double", "a=4", "b=5"], table));
    }

    [Fact]
    public void A_list_expansion_keeps_code_with_spaces_as_one_word()
    {
        var table = Table(("hello", new List<object?> { "exec", "print('hello world')" }));
        Assert.Equal(new ExecStep("print('hello world')", true), Assert.Single(ChainParser.Parse(["hello"], table)));
    }

    [Fact]
    public void A_dictionary_definition_carries_help()
    {
        var shortcut = ShortcutDefinition.Parse("led on=1", new Dictionary<string, object?> { ["command"] = "exec 'x=1'", ["help"] = "switch the LED" });
        Assert.Equal("switch the LED", shortcut.Help);
        Assert.Equal("led on=1", shortcut.Signature);
        Assert.Contains("switch the LED", HelpText.Overview(ShortcutTable.BuiltIn.With([shortcut])), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_parameter_names_the_signature()
    {
        var table = Table(("double a b=2", "exec 'print(a*b)'"));
        var error = Assert.Throws<CommandException>(() => ChainParser.Parse(["double"], table));
        Assert.Equal("Command double missing argument a; signature is: double a b=2", error.Message);
    }

    [Fact]
    public void An_unknown_named_argument_is_refused()
    {
        var table = Table(("double a", "exec 'print(a*2)'"));
        var error = Assert.Throws<CommandException>(() => ChainParser.Parse(["double", "3", "c=4"], table));
        Assert.Equal("Command double given unexpected argument c; signature is: double a", error.Message);
    }

    [Fact]
    public void A_parameterless_shortcut_takes_a_path_with_an_equals_sign()
    {
        // mpremote v1.28 refuses "cat a=b.txt"; later versions and mpyd take it as a path.
        var step = Assert.IsType<FsStep>(Assert.Single(ChainParser.Parse(["cat", "a=b.txt"])));
        Assert.Equal(["a=b.txt"], step.Paths);
    }

    [Fact]
    public void User_shortcuts_override_built_ins_and_may_expand_to_other_shortcuts()
    {
        var table = Table(("ls", "exec 'print(1)'"), ("board", "a0"), ("go", "board ls"));
        Assert.Equal([new ConnectStep("/dev/ttyACM0"), new ExecStep("'print(1)'", true)], ChainParser.Parse(["go"], table));
    }

    [Fact]
    public void A_shortcut_that_expands_into_itself_is_stopped()
    {
        var table = Table(("loop", "loop"));
        var error = Assert.Throws<UsageException>(() => ChainParser.Parse(["loop"], table));
        Assert.Contains("keeps expanding", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", 5L)]
    [InlineData("x", null)]
    public void Definitions_of_another_shape_are_refused(string key, object? value)
    {
        Assert.Throws<FormatException>(() => ShortcutDefinition.Parse(key, value));
    }
}
