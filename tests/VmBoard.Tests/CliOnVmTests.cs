using Mpyd.VmBoard.Tests.TestKit;

namespace Mpyd.VmBoard.Tests;

/// <summary>The real mpyd CLI against the VM board, as a user would run it against a USB board.</summary>
public sealed class CliOnVmTests() : VmCliTestBase("mpyd-vm-cli-", TimeSpan.FromSeconds(30))
{
    private async Task<CliResult> Mpyd(params string[] args)
    {
        var r = await MpydCli.RunAsync(["--verbose", "connect", Board.SlavePath, .. args], () => Board.Diagnostics, Deadline.Token);
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
        File.WriteAllText(Path.Combine(HostDir, "foo.py"), "X = 40 + 2\n");
        var r = await Mpyd("mount", "--no-auto-mpy", HostDir, "exec", "import foo; print(foo.X)");
        AssertOk(r);
        Assert.Contains("42", r.Stdout);
    }

    [Fact]
    public async Task Mount_with_auto_mpy_runs_our_compiled_mpy()
    {
        File.WriteAllText(Path.Combine(HostDir, "foo.py"), """
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
        var r = await Mpyd("mount", HostDir, "exec", "import foo; print(foo.X[-1], foo.S['ccc'], foo.__file__)");
        AssertOk(r);
        Assert.Contains("P(34) 3 ", r.Stdout);
        Assert.Contains("foo.mpy", r.Stdout);
    }

    [Fact]
    public async Task Eval_prints_the_value()
    {
        var r = await Mpyd("eval", "[1, 'a', b'\\x00', 2 ** 40]");
        AssertOk(r);
        Assert.Contains("[1, 'a', b'\\x00', 1099511627776]", r.Stdout);
    }

    [Fact]
    public async Task Run_sends_a_local_script()
    {
        var script = Path.Combine(HostDir, "script.py");
        File.WriteAllText(script, "for i in range(3):\n    print('line', i)\n");
        var r = await Mpyd("run", script);
        AssertOk(r);
        Assert.Equal("line 0\nline 1\nline 2\n", r.Stdout.Replace("\r", ""));
    }

    [Fact]
    public async Task Exception_on_the_board_fails_the_command()
    {
        var r = await Mpyd("exec", "1/0");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("ZeroDivisionError", r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task Mount_serves_listing_and_takes_writes()
    {
        Directory.CreateDirectory(Path.Combine(HostDir, "sub"));
        File.WriteAllText(Path.Combine(HostDir, "a.txt"), "héllo\n");
        var code = """
            import os, array
            print(sorted(os.listdir()))
            print(open('a.txt').read().strip())
            with open('out.txt', 'w') as f:
                f.write('wörld ✓')
            with open('sub/out.bin', 'wb') as f:
                f.write(array.array('h', [1, -2, 300]))
            """;
        var r = await Mpyd("mount", HostDir, "exec", code);
        AssertOk(r);
        Assert.Contains("['a.txt', 'sub']", r.Stdout);
        Assert.Contains("héllo", r.Stdout);
        Assert.Equal("wörld ✓", File.ReadAllText(Path.Combine(HostDir, "out.txt")));
        Assert.Equal(new byte[] { 1, 0, 0xfe, 0xff, 0x2c, 0x01 }, File.ReadAllBytes(Path.Combine(HostDir, "sub", "out.bin")));
    }

    [Fact]
    public async Task Mount_with_auto_mpy_imports_a_package_with_relative_imports()
    {
        Directory.CreateDirectory(Path.Combine(HostDir, "pkg"));
        File.WriteAllText(Path.Combine(HostDir, "pkg", "__init__.py"), "from .core import twice\n");
        File.WriteAllText(Path.Combine(HostDir, "pkg", "core.py"), "def twice(x):\n    return x * 2\n");
        var r = await Mpyd("mount", HostDir, "exec", "import pkg; print(pkg.twice(21), pkg.twice('ab'))");
        AssertOk(r);
        Assert.Contains("42 abab", r.Stdout);
    }

    [Fact]
    public async Task Syntax_error_in_a_mounted_module_is_reported()
    {
        File.WriteAllText(Path.Combine(HostDir, "bad.py"), "x = (1,\n");
        var r = await Mpyd("mount", HostDir, "exec", "import bad");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("SyntaxError", r.Stdout + r.Stderr);
    }

    [Fact]
    public async Task Fs_commands_copy_list_print_hash_and_remove_on_real_micropython()
    {
        var data = System.Text.Encoding.UTF8.GetBytes("hello\nwörld \u20ac\n");
        var source = Path.Combine(HostDir, "a.txt");
        File.WriteAllBytes(source, data);
        var back = Path.Combine(HostDir, "back.txt");
        var r = await Mpyd("cp", source, ":a.txt", "+", "mkdir", ":d", "+", "cp", source, ":d/b.txt", "+", "ls", "+", "cat", ":a.txt",
            "+", "sha256sum", ":d/b.txt", "+", "cp", ":d/b.txt", back, "+", "tree", ":d", "+", "rm", "-r", ":d", "+", "rm", ":a.txt", "+", "ls");
        AssertOk(r);
        var stdout = r.Stdout.Replace("\r\n", "\n");
        Assert.Contains(" a.txt\n", stdout);
        Assert.Contains(" d/\n", stdout);
        Assert.Contains("hello\nwörld \u20ac\n", stdout);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data)) + "\n", stdout);
        Assert.Contains("\u2514\u2500\u2500 b.txt\n", stdout);
        Assert.Equal(data, File.ReadAllBytes(back));
        // The last listing, after both removals, has neither entry.
        var last = stdout[stdout.LastIndexOf("ls :", StringComparison.Ordinal)..];
        Assert.DoesNotContain("a.txt", last);
        Assert.DoesNotContain(" d/", last);
    }

    [Fact]
    public async Task A_missing_board_file_is_one_line_and_exit_1_on_real_micropython()
    {
        var r = await MpydCli.RunAsync(["connect", Board.SlavePath, "cat", ":nope.txt"], () => Board.Diagnostics, Deadline.Token);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("mpyd: cat: nope.txt: No such file or directory.\n", r.Stderr);
    }

    [Fact]
    public async Task Mip_installs_a_package_from_a_local_index_onto_real_micropython()
    {
        await using var index = new Mpyd.Tests.Shared.MipTestServer();
        var code = System.Text.Encoding.UTF8.GetBytes("def hi():\n    return 'hi from mip'\n");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(code))[..8];
        index.Add($"/pi/file/{hash[..2]}/{hash}", code);
        index.Add("/pi/package/6/greet/latest.json", $$"""{"hashes": [["greet.py", "{{hash}}"]], "deps": [], "version": "1.0"}""");

        var r = await MpydCli.RunAsync(
            ["connect", Board.SlavePath, "mip", "install", "--index", index.BaseUrl + "/pi", "--target", "/lib", "greet", "+",
             "exec", "import sys; sys.path.append('/lib'); import greet; print(greet.hi())"],
            () => Board.Diagnostics, Deadline.Token);
        AssertOk(r);
        var stdout = r.Stdout.Replace("\r\n", "\n");
        Assert.Contains("Installing: /lib/greet.py\n", stdout);
        Assert.Contains("Done\n", stdout);
        Assert.Contains("hi from mip\n", stdout);
    }
}
