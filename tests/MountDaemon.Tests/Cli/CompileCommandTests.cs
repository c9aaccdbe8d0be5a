using Mpyd.Compiler;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.Cli;

/// <summary>"mpyd compile", run as the real executable on real files.</summary>
public class CompileCommandTests
{
    [Fact]
    public async Task Compiles_each_file_beside_its_source_with_the_same_bytes_as_the_library()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.py", "def f(x):\n    return x * 2\n");
        var b = dir.Write("pkg/b.py", "B = 'bee'\n");

        var result = await MpydProcess.RunAsync(["compile", a, b]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        var expected = new NativeMpyCompiler().Compile(File.ReadAllBytes(a), a, CompileOptions.Default).Mpy;
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(dir.Path, "a.mpy")));
        Assert.True(dir.Exists("pkg/b.mpy"));
    }

    [Fact]
    public async Task Output_name_and_source_name_options()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.py", "X = 1\n");
        var output = Path.Combine(dir.Path, "out.mpy");

        var result = await MpydProcess.RunAsync(["compile", a, "-o", output, "-s", "lib/a.py", "-O", "2"]);

        Assert.Equal(0, result.ExitCode);
        var expected = new NativeMpyCompiler().Compile("X = 1\n"u8, "lib/a.py", new CompileOptions(OptimizationLevel: 2)).Mpy;
        Assert.Equal(expected, File.ReadAllBytes(output));
        Assert.False(dir.Exists("a.mpy"));
    }

    [Fact]
    public async Task Every_failure_is_reported_as_file_line_type_message_and_the_exit_is_1()
    {
        using var dir = new TempDir();
        var good = dir.Write("good.py", "X = 1\n");
        var bad = dir.Write("bad.py", "x = 1\n  y = 2\n");
        var worse = dir.Write("worse.py", "def f(:\n");

        var result = await MpydProcess.RunAsync(["compile", bad, good, worse]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{bad}:2: IndentationError: unexpected indent", result.Stderr);
        Assert.Contains($"{worse}:1: SyntaxError: invalid syntax", result.Stderr);
        Assert.True(dir.Exists("good.mpy"));
        Assert.False(dir.Exists("bad.mpy"));
    }

    [Fact]
    public async Task Disassembly_is_readable_text()
    {
        using var dir = new TempDir();
        var a = dir.Write("a.py", "print('hi')\n");
        var result = await MpydProcess.RunAsync(["compile", "--dis", a]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("'hi'", result.Stdout);
    }

    [Theory]
    [InlineData("compile")]
    [InlineData("compile --frob x.py")]
    public async Task Bad_usage_exits_2_with_one_line(string commandLine)
    {
        var result = await MpydProcess.RunAsync(commandLine.Split(' '));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mpyd compile: ", result.Stderr);
    }

    [Fact]
    public async Task A_missing_file_is_reported()
    {
        var result = await MpydProcess.RunAsync(["compile", "/no/such/file.py"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/no/such/file.py", result.Stderr);
    }
}
