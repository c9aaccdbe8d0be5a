using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Cli;

public class ChainParserTests
{
    [Fact]
    public void Connect_mount_exec_parse_in_order()
    {
        var steps = ChainParser.Parse(["connect", "sim", "mount", "examples", "exec", "import hello"]);
        Assert.Equal(
            [new ConnectStep("sim"), new MountStep("examples", AutoMpy: true, UnsafeLinks: false, WriteMpy: false), new ExecStep("import hello", Follow: true)],
            steps);
    }

    [Fact]
    public void Mount_options_may_come_before_or_after_the_directory()
    {
        var before = ChainParser.Parse(["mount", "--no-auto-mpy", "--unsafe-links", "src"]);
        var after = ChainParser.Parse(["mount", "src", "--write-mpy", "-l"]);
        Assert.Equal(new MountStep("src", AutoMpy: false, UnsafeLinks: true, WriteMpy: false), Assert.Single(before));
        Assert.Equal(new MountStep("src", AutoMpy: true, UnsafeLinks: true, WriteMpy: true), Assert.Single(after));
    }

    [Fact]
    public void A_word_after_the_directory_starts_the_next_command()
    {
        var steps = ChainParser.Parse(["mount", ".", "repl"]);
        Assert.IsType<MountStep>(steps[0]);
        Assert.IsType<ReplStep>(steps[1]);
    }

    [Fact]
    public void Exec_takes_follow_flags_on_either_side()
    {
        Assert.Equal(new ExecStep("x=1", Follow: false), Assert.Single(ChainParser.Parse(["exec", "--no-follow", "x=1"])));
        Assert.Equal(new ExecStep("x=1", Follow: false), Assert.Single(ChainParser.Parse(["exec", "x=1", "--no-follow"])));
    }

    [Fact]
    public void Only_actions_suppress_the_implicit_repl()
    {
        Assert.DoesNotContain(ChainParser.Parse(["mount", "."]), s => s.IsAction);
        Assert.Contains(ChainParser.Parse(["mount", ".", "exec", "pass"]), s => s.IsAction);
    }

    [Theory]
    [InlineData(new[] { "mount" }, "mount: missing DIR")]
    [InlineData(new[] { "mount", "--frobnicate", "." }, "mount: unknown option '--frobnicate'")]
    [InlineData(new[] { "connect" }, "connect: missing DEVICE (a serial port, socket://HOST:PORT, rfc2217://HOST:PORT, sim, auto, list)")]
    [InlineData(new[] { "exec" }, "exec: missing CODE")]
    [InlineData(new[] { "fly" }, "unknown command 'fly'")]
    public void Bad_command_lines_say_what_is_wrong(string[] args, string message)
    {
        var error = Assert.Throws<UsageException>(() => ChainParser.Parse(args));
        Assert.Equal(message, error.Message);
        Assert.NotEmpty(error.Hint);
    }
}
