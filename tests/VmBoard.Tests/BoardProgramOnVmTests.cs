using System.Text;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.RemoteFs;
using Mpyd.VmBoard.Tests.TestKit;

namespace Mpyd.VmBoard.Tests;

/// <summary>Our board program (mpyd_board.py) on a real MicroPython, served by a plain responder.</summary>
public sealed class BoardProgramOnVmTests : IAsyncLifetime
{
    private readonly TempDirFs _fs = new();
    private VmSession _vm = null!;

    public async Task InitializeAsync()
    {
        _vm = await VmSession.StartAsync();
        var load = await _vm.Run(ct => _vm.Repl.ExecRawPasteAsync(BoardProgram.WireText, ct));
        Assert.Equal(new ReplResult("", ""), load);
        _vm.Repl.Mount = _fs;
        var mount = await _vm.ExecAsync(BoardProgram.MountCall());
        Assert.Equal(new ReplResult("", ""), mount);
        _vm.Repl.Requests.Clear();
    }

    public async Task DisposeAsync()
    {
        await _vm.DisposeAsync();
        _fs.Dispose();
    }

    private async Task<string> Ok(string code)
    {
        var r = await _vm.ExecAsync(code);
        Assert.True(r.Stderr == "", $"board raised:\n{r.Stderr}");
        return r.Stdout;
    }

    private static string Describe(RemoteFsRequest r) => r switch
    {
        StatRequest x => $"STAT {x.Path}",
        OpenRequest x => $"OPEN {x.Path} {x.Mode}",
        OpenReadRequest x => $"OPEN_READ {x.Path} {x.Count}",
        ReadRequest x => $"READ {x.Count}",
        CloseRequest => "CLOSE",
        WriteRequest x => $"WRITE {Convert.ToHexString(x.Data)}",
        ListDirRequest x => $"LISTDIR {x.Path}",
        SeekRequest x => $"SEEK {x.Offset} {x.Whence}",
        _ => r.Op.ToString(),
    };

    private string[] Traffic() => [.. _vm.Repl.Requests.Select(Describe)];

    [Fact]
    public async Task Mount_makes_remote_the_current_directory()
    {
        Assert.Equal("/remote\r\n", await Ok("import os\nprint(os.getcwd())"));
    }

    [Fact]
    public async Task Import_loads_a_module_from_the_host()
    {
        File.WriteAllText(_fs.PathOf("foo.py"), "X = 42\nprint('foo loaded')\n");
        Assert.Equal("foo loaded\r\n42\r\n", await Ok("import foo\nprint(foo.X)"));
        Assert.Equal(["STAT /foo", "STAT /foo.py", $"OPEN_READ /foo.py {BoardProgram.DefaultReadAhead}", "CLOSE"], Traffic());
    }

    [Fact]
    public async Task Import_reads_a_module_larger_than_the_read_ahead()
    {
        var source = new StringBuilder();
        for (var i = 0; i < 300; i++)
            source.Append($"v{i} = {i}  # padding padding padding\n");
        File.WriteAllText(_fs.PathOf("big.py"), source.ToString());
        var size = new FileInfo(_fs.PathOf("big.py")).Length;
        Assert.Equal("299\r\n", await Ok("import big\nprint(big.v299)"));
        // OPEN_READ brings the first read-ahead, READs the rest.
        var reads = Traffic().Count(t => t.StartsWith("READ", StringComparison.Ordinal) || t.StartsWith("OPEN_READ", StringComparison.Ordinal));
        Assert.Equal(size / BoardProgram.DefaultReadAhead + 1, reads);
    }

    [Fact]
    public async Task Import_of_a_package()
    {
        Directory.CreateDirectory(_fs.PathOf("pkg"));
        File.WriteAllText(_fs.PathOf("pkg/__init__.py"), "NAME = 'pkg'\n");
        File.WriteAllText(_fs.PathOf("pkg/sub.py"), "from . import NAME\nV = NAME + '.sub'\n");
        Assert.Equal("pkg.sub\r\n", await Ok("import pkg.sub\nprint(pkg.sub.V)"));
    }

    [Fact]
    public async Task Missing_module_is_an_import_error()
    {
        var r = await _vm.ExecAsync("import nosuchmod");
        Assert.EndsWith("ImportError: no module named 'nosuchmod'\r\n", r.Stderr);
    }

    [Fact]
    public async Task Binary_read_returns_every_byte()
    {
        var data = new byte[5000];
        for (var i = 0; i < data.Length; i++)
            data[i] = (byte)(i * 7 + i / 256);
        File.WriteAllBytes(_fs.PathOf("x.bin"), data);
        var expected = $"{data.Length} {data.Sum(b => b)} {data[0]} {data[^1]}\r\n";
        Assert.Equal(expected, await Ok("d = open('/remote/x.bin', 'rb').read()\nprint(len(d), sum(d), d[0], d[-1])"));
    }

    [Fact]
    public async Task Binary_readinto_and_partial_reads()
    {
        File.WriteAllBytes(_fs.PathOf("y.bin"), Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray());
        var code = """
            f = open('y.bin', 'rb')
            a = f.read(10)
            b = bytearray(2500)
            n = f.readinto(b)
            c = f.read()
            print(a[9], n, b[0], b[2499], len(c), c[-1], f.tell())
            f.close()
            """;
        Assert.Equal($"9 2500 10 {2509 % 256} 490 {2999 % 256} 3000\r\n", await Ok(code));
    }

    [Fact]
    public async Task Text_read_and_lines()
    {
        File.WriteAllText(_fs.PathOf("t.txt"), "héllo\nwörld ✓\n");
        // MicroPython's repr escapes non-ASCII characters, so compare printed text (print turns \n into \r\n).
        Assert.Equal("héllo\r\n|wörld ✓\r\n", await Ok("print('|'.join(open('t.txt').readlines()), end='')"));
        Assert.Equal("héllo\r\nwörld ✓\r\n", await Ok("print(open('t.txt').read(), end='')"));
        Assert.Equal("hé\r\n", await Ok("f = open('t.txt')\nprint(f.read(2))\nf.close()"));
    }

    [Fact]
    public async Task Listdir_and_stat()
    {
        Directory.CreateDirectory(_fs.PathOf("d"));
        File.WriteAllBytes(_fs.PathOf("a.bin"), new byte[123]);
        Assert.Equal("['a.bin', 'd']\r\n", await Ok("import os\nprint(sorted(os.listdir('/remote')))"));
        Assert.Equal("[('a.bin', 32768, 0, 123), ('d', 16384, 0, 0)]\r\n", await Ok("print(sorted(os.ilistdir()))"));
        Assert.Equal("123 True\r\n", await Ok("print(os.stat('a.bin')[6], os.stat('d')[0] & 0x4000 != 0)"));
        Assert.Equal(["LISTDIR /", "LISTDIR /", "STAT /a.bin", "STAT /d"], Traffic());
    }

    [Fact]
    public async Task Writes_text_as_utf8_and_arrays_as_their_bytes()
    {
        var code = """
            import array
            with open('/remote/w.txt', 'w') as f:
                print(f.write('héllo ✓'))
            with open('/remote/w.bin', 'wb') as f:
                print(f.write(array.array('h', [1, -2, 300])))
                print(f.write(b'\x00\xff'))
                print(f.write(memoryview(b'abcdef')[2:4]))
            """;
        // MicroPython text files count bytes written, not characters.
        Assert.Equal("10\r\n6\r\n2\r\n2\r\n", await Ok(code));
        Assert.Equal("héllo ✓", File.ReadAllText(_fs.PathOf("w.txt"), Encoding.UTF8));
        Assert.Equal(new byte[] { 1, 0, 0xfe, 0xff, 0x2c, 0x01, 0x00, 0xff, (byte)'c', (byte)'d' }, File.ReadAllBytes(_fs.PathOf("w.bin")));
    }

    [Fact]
    public async Task Missing_file_raises_enoent()
    {
        var r = await _vm.ExecAsync("open('/remote/none.txt')");
        Assert.EndsWith("OSError: [Errno 2] ENOENT\r\n", r.Stderr);
    }

    [Fact]
    public async Task Directory_operations()
    {
        File.WriteAllText(_fs.PathOf("old.txt"), "x");
        var code = """
            import os
            os.mkdir('sub')
            os.chdir('sub')
            print(os.getcwd())
            os.chdir('..')
            os.rename('old.txt', 'sub/new.txt')
            print(os.listdir('sub'))
            os.remove('sub/new.txt')
            os.rmdir('sub')
            print(os.listdir())
            """;
        Assert.Equal("/remote/sub\r\n['new.txt']\r\n[]\r\n", await Ok(code));
    }

    [Fact]
    public async Task Readinto_a_wide_array_counts_bytes()
    {
        File.WriteAllBytes(_fs.PathOf("h.bin"), [1, 0, 0xfe, 0xff, 0x2c, 0x01, 9, 9]);
        var code = """
            import array
            a = array.array('h', [0, 0, 0])
            with open('h.bin', 'rb') as f:
                print(f.readinto(a), list(a), f.read())
            """;
        Assert.Equal("6 [1, -2, 300] b'\\t\\t'\r\n", await Ok(code));
    }

    [Fact]
    public async Task Seek_tell_and_readline_on_a_binary_file()
    {
        File.WriteAllBytes(_fs.PathOf("s.bin"), "line one\nline two\nend"u8.ToArray());
        var code = """
            f = open('s.bin', 'rb')
            print(f.readline(), f.tell())
            f.seek(5)
            print(f.read(3), f.tell())
            f.seek(-3, 2)
            print(f.read(), f.tell())
            f.seek(0)
            print([l for l in f])
            f.close()
            """;
        Assert.Equal("b'line one\\n' 9\r\nb'one' 8\r\nb'end' 21\r\n[b'line one\\n', b'line two\\n', b'end']\r\n", await Ok(code));
    }

    [Fact]
    public async Task Error_in_an_imported_module_names_its_file()
    {
        File.WriteAllText(_fs.PathOf("bad.py"), "x = 1\n1/0\n");
        var r = await _vm.ExecAsync("import bad");
        Assert.Contains("File \"bad.py\", line 2, in <module>\r\n", r.Stderr);
        Assert.EndsWith("ZeroDivisionError: divide by zero\r\n", r.Stderr);
    }

    [Fact]
    public async Task Statvfs_asks_the_host()
    {
        Assert.Equal("(4096, 4096, 1000, 500, 500, 0, 0, 0, 0, 255)\r\n", await Ok("import os\nprint(os.statvfs('/remote'))"));
        Assert.Equal(["StatFs"], Traffic());
    }

    [Fact]
    public async Task Ctrl_c_between_requests_interrupts_a_loop_over_remote_files()
    {
        File.WriteAllText(_fs.PathOf("f.txt"), "x");
        await _vm.Run(ct => _vm.Repl.WriteAsync("import os\nprint('go')\nwhile True:\n    os.stat('f.txt')\x04", ct));
        await _vm.Run(ct => _vm.Repl.ReadUntilAsync("go\r\n", ct));
        await _vm.Run(ct => _vm.Repl.WriteAsync("\x03", ct));
        var r = await _vm.Run(_vm.Repl.ReadResultAsync);
        Assert.EndsWith("KeyboardInterrupt: \r\n", r.Stderr);
        Assert.Equal("x\r\n", await Ok("print(open('f.txt').read())"));
    }

    [Fact]
    public async Task Unmount_returns_to_the_root()
    {
        Assert.Equal("/\r\n", await Ok($"{BoardProgram.UnmountCall}\nimport os\nprint(os.getcwd())"));
    }
}
