using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Tests.Cli;

/// <summary>The mpremote commands beyond mount: fs, mip, repl options, connect forms, shortcuts.</summary>
public class ChainParserCommandsTests
{
    [Fact]
    public void Fs_takes_every_word_up_to_a_plus_with_flags_anywhere()
    {
        var steps = ChainParser.Parse(["fs", "cp", "-r", "lib", ":", "-f", "+", "repl"]);
        Assert.Equal(new FsStep("cp", ["lib", ":"], Recursive: true, Force: true), steps[0], FsStepComparer.Instance);
        Assert.IsType<ReplStep>(steps[1]);
    }

    [Fact]
    public void Without_a_plus_following_words_are_paths_as_in_mpremote()
    {
        var step = Assert.IsType<FsStep>(Assert.Single(ChainParser.Parse(["ls", ":lib", "repl"])));
        Assert.Equal([":lib", "repl"], step.Paths);
    }

    [Fact]
    public void Bundled_short_flags_and_long_forms()
    {
        var step = Assert.IsType<FsStep>(Assert.Single(ChainParser.Parse(["rm", "-rv", ":old"])));
        Assert.True(step.Recursive);
        Assert.True(step.Verbose);
        var quiet = Assert.IsType<FsStep>(Assert.Single(ChainParser.Parse(["fs", "tree", "--no-verbose", "--human"])));
        Assert.False(quiet.Verbose);
        Assert.True(quiet.Human);
        Assert.Empty(quiet.Paths);
    }

    [Theory]
    [InlineData("cat", "fs")]
    [InlineData("ls", "fs")]
    [InlineData("sha256sum", "fs")]
    [InlineData("df", "fs")]
    public void Fs_shortcuts_expand_to_fs(string shortcut, string _)
    {
        var args = shortcut == "df" ? new[] { shortcut } : [shortcut, ":x"];
        var step = Assert.IsType<FsStep>(Assert.Single(ChainParser.Parse(args)));
        Assert.Equal(shortcut, step.Command);
    }

    [Fact]
    public void Other_hash_sums_are_fs_commands()
    {
        Assert.Equal("sha1sum", Assert.IsType<FsStep>(Assert.Single(ChainParser.Parse(["fs", "sha1sum", ":a"]))).Command);
        Assert.Equal("md5sum", Assert.IsType<FsStep>(Assert.Single(ChainParser.Parse(["fs", "md5sum", ":a"]))).Command);
    }

    [Theory]
    [InlineData(new[] { "fs" }, "fs: missing sub-command")]
    [InlineData(new[] { "fs", "frob" }, "fs: unknown sub-command 'frob'")]
    [InlineData(new[] { "fs", "cp", ":a" }, "fs cp: missing SOURCE... DESTINATION (board paths start with ':')")]
    [InlineData(new[] { "rm" }, "fs rm: missing PATH (board paths; the ':' is optional)")]
    [InlineData(new[] { "tree", "-s", "-h" }, "fs tree: -s/--size and -h/--human cannot be used together")]
    [InlineData(new[] { "ls", "--long" }, "fs ls: unknown option '--long'")]
    [InlineData(new[] { "df", ":x" }, "fs df: takes no paths (got ':x')")]
    [InlineData(new[] { "mip" }, "mip: missing sub-command")]
    [InlineData(new[] { "mip", "uninstall", "x" }, "mip: 'uninstall' is not a command")]
    [InlineData(new[] { "mip", "install" }, "mip install: missing PACKAGE")]
    [InlineData(new[] { "mip", "install", "--target" }, "mip install: --target needs a DIR")]
    [InlineData(new[] { "repl", "--capture" }, "repl: --capture needs a FILE")]
    [InlineData(new[] { "repl", "--frob" }, "repl: unknown option '--frob'")]
    [InlineData(new[] { "sleep", "soon" }, "sleep: 'soon' is not a number of seconds")]
    [InlineData(new[] { "sleep" }, "sleep: missing SECONDS")]
    [InlineData(new[] { "sleep", "1e9" }, "sleep: '1e9' is not a number of seconds")]
    public void Bad_command_lines_are_usage_errors(string[] args, string message)
    {
        var error = Assert.Throws<UsageException>(() => ChainParser.Parse(args));
        Assert.Equal(message, error.Message);
        Assert.NotEmpty(error.Hint);
    }

    [Fact]
    public void Mip_install_options()
    {
        var step = Assert.IsType<MipStep>(ChainParser.Parse(
            ["mip", "install", "--target", "/flash/lib", "aioble", "--index=http://127.0.0.1:9/pi", "--no-mpy", "github:org/repo@v1", "+", "ls"])[0]);
        Assert.Equal(["aioble", "github:org/repo@v1"], step.Packages);
        Assert.Equal("/flash/lib", step.Target);
        Assert.Equal("http://127.0.0.1:9/pi", step.Index);
        Assert.False(step.Mpy);
    }

    [Fact]
    public void Repl_options_then_the_next_command()
    {
        var steps = ChainParser.Parse(["repl", "--capture", "log.txt", "--inject-code", "print(1)", "-e", "--inject-file", "x.py", "soft-reset"]);
        Assert.Equal(new ReplStep("log.txt", "print(1)", "x.py", EscapeNonPrintable: true), steps[0]);
        Assert.IsType<SoftResetStep>(steps[1]);
    }

    [Fact]
    public void Connect_forms()
    {
        Assert.IsType<ConnectListStep>(Assert.Single(ChainParser.Parse(["connect", "list"])));
        Assert.IsType<ConnectListStep>(Assert.Single(ChainParser.Parse(["devs"])));
        Assert.Equal(new ConnectStep("/dev/ttyACM1"), ChainParser.Parse(["a1"])[0]);
        Assert.Equal(new ConnectStep("/dev/ttyUSB3"), ChainParser.Parse(["u3"])[0]);
        Assert.Equal(new ConnectStep("COM0"), ChainParser.Parse(["c0"])[0]);
        Assert.Equal(new ConnectStep("id:E6614C311B"), ChainParser.Parse(["connect", "id:E6614C311B"])[0]);
        Assert.IsType<DisconnectStep>(ChainParser.Parse(["connect", "sim", "disconnect"])[1]);
        Assert.True(ChainParser.Parse(["connect", "list"])[0].IsAction);
        Assert.False(ChainParser.Parse(["disconnect"])[0].IsAction);
    }

    [Fact]
    public void Reset_and_bootloader_are_no_follow_execs()
    {
        var reset = Assert.IsType<ExecStep>(Assert.Single(ChainParser.Parse(["reset"])));
        Assert.False(reset.Follow);
        Assert.Contains("machine.reset()", reset.Code, StringComparison.Ordinal);
        var boot = Assert.IsType<ExecStep>(Assert.Single(ChainParser.Parse(["bootloader"])));
        Assert.Contains("machine.bootloader()", boot.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Sleep_takes_fractional_seconds()
    {
        Assert.Equal(new SleepStep(0.25), Assert.Single(ChainParser.Parse(["sleep", "0.25"])));
    }

    [Theory]
    [InlineData(new[] { "help" }, null)]
    [InlineData(new[] { "--help" }, null)]
    [InlineData(new[] { "help", "fs" }, "fs")]
    [InlineData(new[] { "fs", "--help" }, "fs")]
    [InlineData(new[] { "cp", "--help" }, "fs")]
    [InlineData(new[] { "mount", "--help" }, "mount")]
    [InlineData(new[] { "exec", "--help" }, "exec")]
    [InlineData(new[] { "connect", "--help" }, "connect")]
    [InlineData(new[] { "mip", "install", "--help" }, "mip")]
    [InlineData(new[] { "repl", "--help" }, "repl")]
    public void Help_is_asked_for_per_command(string[] args, string? command)
    {
        var help = Assert.Throws<HelpRequestedException>(() => ChainParser.Parse(args));
        Assert.Equal(command, help.Command);
    }

    [Fact]
    public void Version_anywhere()
    {
        Assert.Throws<VersionRequestedException>(() => ChainParser.Parse(["--version"]));
        Assert.Throws<VersionRequestedException>(() => ChainParser.Parse(["version"]));
    }

    private sealed class FsStepComparer : IEqualityComparer<ChainStep>
    {
        public static readonly FsStepComparer Instance = new();

        public bool Equals(ChainStep? x, ChainStep? y) =>
            x is FsStep a && y is FsStep b && a.Command == b.Command && a.Paths.SequenceEqual(b.Paths) && a.Recursive == b.Recursive
            && a.Force == b.Force && a.Verbose == b.Verbose && a.Size == b.Size && a.Human == b.Human;

        public int GetHashCode(ChainStep obj) => 0;
    }
}
