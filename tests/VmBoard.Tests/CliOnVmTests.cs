using Mpyd.VmBoard.Tests.TestKit;

namespace Mpyd.VmBoard.Tests;

/// <summary>The real mpyd CLI against the VM board, as a user would run it against a USB board.</summary>
public sealed class CliOnVmTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mpyd-vm-cli-").FullName;
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(90));
    private VmBoard.Tests.TestKit.VmBoard _board = null!;

    public Task InitializeAsync()
    {
        _board = VmBoard.Tests.TestKit.VmBoard.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _board.DisposeAsync();
        _deadline.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<CliResult> Mpyd(params string[] args)
    {
        var r = await MpydCli.RunAsync(["connect", _board.SlavePath, .. args], _deadline.Token);
        return r;
    }

    private static void AssertOk(CliResult r)
    {
        Assert.True(r.ExitCode == 0, $"mpyd exited {r.ExitCode}\nstdout:\n{r.Stdout}\nstderr:\n{r.Stderr}");
    }

    [Fact]
    public async Task Exec_prints_the_board_output()
    {
        var r = await Mpyd("exec", "print(6 * 7)");
        AssertOk(r);
        Assert.Equal("42\r\n", r.Stdout.Replace("\r\r\n", "\r\n"));
    }

    [Fact]
    public async Task Mount_without_auto_mpy_imports_the_source()
    {
        File.WriteAllText(Path.Combine(_dir, "foo.py"), "X = 40 + 2\n");
        var r = await Mpyd("mount", "--no-auto-mpy", _dir, "exec", "import foo; print(foo.X)");
        AssertOk(r);
        Assert.Contains("42", r.Stdout);
    }

    [Fact]
    public async Task Mount_with_auto_mpy_runs_our_compiled_mpy()
    {
        File.WriteAllText(Path.Combine(_dir, "foo.py"), """
            def fib(n):
                return n if n < 2 else fib(n - 1) + fib(n - 2)
            class P:
                def __init__(self, v):
                    self.v = v
                def __repr__(self):
                    return 'P(%d)' % self.v
            X = [P(fib(i)) for i in range(10)]
            S = {k: len(k) for k in ('a', 'bb', 'ccc')}
            """);
        var r = await Mpyd("mount", _dir, "exec", "import foo; print(foo.X[-1], foo.S['ccc'], foo.__file__)");
        AssertOk(r);
        Assert.Contains("P(34) 3 ", r.Stdout);
        Assert.Contains("foo.mpy", r.Stdout);
    }
}
