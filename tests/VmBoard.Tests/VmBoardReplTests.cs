using System.Text;
using Mpyd.VmBoard.Tests.TestKit;

namespace Mpyd.VmBoard.Tests;

public sealed class VmBoardReplTests
{
    [Fact]
    public async Task Raw_repl_exec_prints_with_crlf()
    {
        await using var vm = await VmSession.StartAsync();
        var r = await vm.ExecAsync("print('hi', 1 + 1)\nprint('a\\nb')");
        Assert.Equal("hi 2\r\na\r\nb\r\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public async Task Raw_repl_exception_gives_a_traceback()
    {
        await using var vm = await VmSession.StartAsync();
        var r = await vm.ExecAsync("x = 1\n1/0");
        Assert.Equal("", r.Stdout);
        Assert.Equal(
            "Traceback (most recent call last):\r\n  File \"<stdin>\", line 2, in <module>\r\nZeroDivisionError: divide by zero\r\n",
            r.Stderr);
    }

    [Fact]
    public async Task Vm_file_system_errors_are_reported_with_micropython_errno()
    {
        await using var vm = await VmSession.StartAsync();
        var r = await vm.ExecAsync("open('/no/such/file')");
        Assert.EndsWith("OSError: [Errno 2] ENOENT\r\n", r.Stderr);
    }

    [Fact]
    public async Task Raw_paste_runs_code_longer_than_the_window()
    {
        await using var vm = await VmSession.StartAsync();
        var code = new StringBuilder();
        for (var i = 0; i < 200; i++)
            code.Append($"v{i} = {i}\n");
        code.Append("print(sum([v0, v10, v199]))\n");
        var r = await vm.Run(ct => vm.Repl.ExecRawPasteAsync(code.ToString(), ct));
        Assert.Equal("209\r\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public async Task Soft_reboot_gives_a_fresh_interpreter()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.ExecAsync("x = 5");
        var reboot = await vm.Run(vm.Repl.SoftRebootAsync);
        Assert.Equal("OK\r\nMPY: soft reboot\r\n" + ReplDriver.RawBanner + ">", reboot);
        var r = await vm.ExecAsync("print(x)");
        Assert.EndsWith("NameError: name 'x' isn't defined\r\n", r.Stderr);
    }

    [Fact]
    public async Task Sys_exit_soft_reboots_after_the_result()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.Run(ct => vm.Repl.WriteAsync("x = 1\nimport sys\nsys.exit()\x04", ct));
        var text = await vm.Run(ct => vm.Repl.ReadUntilAsync(ReplDriver.RawBanner + ">", ct));
        Assert.Equal("OK\x04\x04MPY: soft reboot\r\n" + ReplDriver.RawBanner + ">", text);
        var r = await vm.ExecAsync("print('x' in globals())");
        Assert.Equal("False\r\n", r.Stdout);
    }

    [Fact]
    public async Task Friendly_repl_evaluates_lines_and_soft_reboots()
    {
        await using var vm = await VmSession.StartAsync(enterRaw: false);
        await vm.Run(ct => vm.Repl.WriteAsync("\r\x02", ct));
        var banner = await vm.Run(ct => vm.Repl.ReadUntilAsync("for more information.\r\n>>> ", ct));
        Assert.Contains("MicroPython v1.27.0 on ", banner);
        await vm.Run(ct => vm.Repl.WriteAsync("print(6 * 7)\r", ct));
        Assert.EndsWith("print(6 * 7)\r\n42\r\n>>> ", await vm.Run(ct => vm.Repl.ReadUntilAsync("42\r\n>>> ", ct)));
        await vm.Run(ct => vm.Repl.WriteAsync("\x04", ct));
        var reboot = await vm.Run(ct => vm.Repl.ReadUntilAsync(">>> ", ct));
        Assert.StartsWith("\r\nMPY: soft reboot\r\nMicroPython v1.27.0 on ", reboot);
    }

    [Fact]
    public async Task Code_reads_stdin_bytes_sent_by_the_host()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.Run(ct => vm.Repl.WriteAsync("import sys\nb = bytearray(3)\nn = sys.stdin.buffer.readinto(b)\nprint(sys.stdin.buffer.read(2), n, b)\x04", ct));
        await vm.Run(ct => vm.Repl.ReadUntilAsync("OK", ct));
        await vm.Run(ct => vm.Repl.WriteAsync(new byte[] { (byte)'x', (byte)'y', (byte)'z', 0x00, 0xff }, ct));
        var r = await vm.Run(vm.Repl.ReadResultAsync);
        Assert.Equal("b'\\x00\\xff' 3 bytearray(b'xyz')\r\n", r.Stdout);
    }

    [Fact]
    public async Task Input_reads_a_line_and_echoes_it()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.Run(ct => vm.Repl.WriteAsync("s = input('name? ')\nprint(repr(s))\x04", ct));
        await vm.Run(ct => vm.Repl.ReadUntilAsync("OK", ct));
        await vm.Run(ct => vm.Repl.WriteAsync("abc\r", ct));
        var r = await vm.Run(vm.Repl.ReadResultAsync);
        Assert.Equal("name? abc\r\n'abc'\r\n", r.Stdout);
    }

    [Fact]
    public async Task Ctrl_c_interrupts_code_blocked_on_stdin()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.Run(ct => vm.Repl.WriteAsync("import sys\nprint('waiting')\nsys.stdin.buffer.read(1)\x04", ct));
        await vm.Run(ct => vm.Repl.ReadUntilAsync("waiting\r\n", ct));
        await vm.Run(ct => vm.Repl.WriteAsync("\x03", ct));
        var r = await vm.Run(vm.Repl.ReadResultAsync);
        Assert.Equal("", r.Stdout);
        Assert.EndsWith("KeyboardInterrupt: \r\n", r.Stderr);
        Assert.Equal("2\r\n", (await vm.ExecAsync("print(1 + 1)")).Stdout);
    }

    [Fact]
    public async Task Ctrl_c_interrupts_code_that_prints()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.Run(ct => vm.Repl.WriteAsync("i = 0\nwhile True:\n    print(i)\n    i += 1\x04", ct));
        await vm.Run(ct => vm.Repl.ReadUntilAsync("\r\n5\r\n", ct));
        await vm.Run(ct => vm.Repl.WriteAsync("\x03", ct));
        var r = await vm.Run(vm.Repl.ReadResultAsync);
        Assert.EndsWith("KeyboardInterrupt: \r\n", r.Stderr);
    }

    [Fact]
    public async Task Ctrl_c_is_data_while_the_program_disables_it()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.Run(ct => vm.Repl.WriteAsync("import sys, micropython\nmicropython.kbd_intr(-1)\nprint('go')\nprint(sys.stdin.buffer.read(2))\x04", ct));
        await vm.Run(ct => vm.Repl.ReadUntilAsync("go\r\n", ct));
        await vm.Run(ct => vm.Repl.WriteAsync("\x03\x04"u8.ToArray(), ct));
        var r = await vm.Run(vm.Repl.ReadResultAsync);
        Assert.Equal("b'\\x03\\x04'\r\n", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public async Task Own_files_survive_a_soft_reboot_like_flash()
    {
        await using var vm = await VmSession.StartAsync();
        await vm.ExecAsync("import os\nos.mkdir('/lib')\nwith open('/lib/m.py', 'w') as f:\n    f.write('V = 7\\n')");
        await vm.Run(vm.Repl.SoftRebootAsync);
        var r = await vm.ExecAsync("import sys\nsys.path.append('/lib')\nimport m\nprint(m.V)");
        Assert.Equal("7\r\n", r.Stdout);
    }
}
