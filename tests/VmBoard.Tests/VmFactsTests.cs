using Mpyd.VmBoard.Tests.TestKit;

namespace Mpyd.VmBoard.Tests;

/// <summary>
/// Facts about the WebAssembly VM that the board wrapper works around or that tests must allow for.
/// If one of these starts failing after a package update, the wrapper's workaround may be obsolete.
/// </summary>
public sealed class VmFactsTests
{
    [Fact]
    public async Task Poll_on_stdin_says_readable_even_without_input()
    {
        // So the board program's reply timeout (poll with TIMEOUT_MS) never fires on the VM.
        await using var vm = await VmSession.StartAsync();
        var r = await vm.ExecAsync("import select, sys\np = select.poll()\np.register(sys.stdin.buffer, select.POLLIN)\nprint(len(p.poll(0)))");
        Assert.Equal("1\r\n", r.Stdout);
    }

    [Fact]
    public async Task Own_file_system_uses_wasi_errno_numbers()
    {
        // e.errno is 44 (WASI ENOENT), not 2; the wrapper only rewrites the traceback text.
        await using var vm = await VmSession.StartAsync();
        var r = await vm.ExecAsync("import errno\ntry:\n    open('/nope')\nexcept OSError as e:\n    print(e.errno, errno.ENOENT)");
        Assert.Equal("44 2\r\n", r.Stdout);
    }

    [Fact]
    public async Task Board_identifies_itself_as_micropython_1_27_on_webassembly()
    {
        await using var vm = await VmSession.StartAsync();
        var r = await vm.ExecAsync("import sys\nprint(sys.implementation.version[:2], sys.platform, sys.implementation._mpy & 0xff)");
        Assert.Equal("(1, 27) webassembly 6\r\n", r.Stdout);
    }

    [Fact]
    public async Task Sys_stdout_write_is_not_cooked_but_print_is()
    {
        // Bare-metal boards convert \n in sys.stdout text too; the wrapper can only cook print().
        await using var vm = await VmSession.StartAsync();
        var r = await vm.ExecAsync("import sys\nsys.stdout.write('a\\n')\nsys.stdout.buffer.write(b'b\\n')\nprint('c')");
        Assert.Equal("a\nb\nc\r\n", r.Stdout);
    }
}
