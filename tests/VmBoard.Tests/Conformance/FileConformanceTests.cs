namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// File operations on /remote on both boards: the host directory must end up the same, and the
/// mount requests must be the same in the same order.
/// </summary>
public sealed class FileConformanceTests
{
    private static void AssertSame(ScenarioResult vm, ScenarioResult sim)
    {
        Assert.True(vm.Stderr == "", $"VM board raised:\n{vm.Stderr}");
        Assert.True(sim.Stderr == "", $"simulated board raised:\n{sim.Stderr}");
        Assert.Equal(vm.Requests, sim.Requests);
        Assert.Equal(vm.HostFiles, sim.HostFiles);
    }

    [Fact]
    public async Task Writes_create_the_same_host_files()
    {
        var code = """
            f = open('out.txt', 'w')
            f.write('héllo\n')
            f.write('line 2\n')
            f.close()
            f = open('data.bin', 'wb')
            f.write(b'ABCDEFGHIJ')
            f.close()
            os.mkdir('made')
            f = open('made/inner.txt', 'w')
            f.write('inside')
            f.close()
            os.rename('old.txt', 'made/renamed.txt')
            os.remove('gone.txt')
            """;
        var (vm, sim) = await new Scenario(code) { Prelude = "import os" }
            .WithFile("old.txt", "old")
            .WithFile("gone.txt", "bye")
            .RunOnBothAsync();
        AssertSame(vm, sim);
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["data.bin"] = "ABCDEFGHIJ",
                ["made"] = "<dir>",
                ["made/inner.txt"] = "inside",
                ["made/renamed.txt"] = "old",
                ["out.txt"] = "héllo\nline 2\n",
            },
            vm.HostFiles);
    }

    [Fact]
    public async Task Reads_seeks_and_listings_send_the_same_requests()
    {
        var code = """
            f = open('data.txt')
            a = f.readline()
            b = f.read(3)
            f.seek(0)
            c = f.read()
            f.close()
            f = open('data.txt', 'rb')
            d = f.read(4)
            t = f.tell()
            f.close()
            print(repr(a), repr(b), repr(c), repr(d), t)
            print(os.listdir('/remote'))
            print(os.stat('data.txt')[6], os.stat('sub')[0])
            os.chdir('sub')
            print(os.getcwd())
            """;
        var (vm, sim) = await new Scenario(code) { Prelude = "import os" }
            .WithFile("data.txt", "first line\nsecond line\n")
            .WithDirectory("sub")
            .RunOnBothAsync();
        AssertSame(vm, sim);
        // No imports here, so the printed results compare too.
        Assert.Equal(vm.Stdout, sim.Stdout);
        Assert.StartsWith("'first line\\n' 'sec' 'first line\\nsecond line\\n' b'firs' 4\r\n", vm.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_navigation_and_unicode_text_send_the_same_requests()
    {
        var code = """
            os.mkdir('d1')
            os.chdir('d1')
            print(os.getcwd())
            f = open('ü.txt', 'w')
            f.write('grüße\n')
            f.close()
            os.chdir('..')
            print(os.getcwd())
            print(os.listdir('d1'))
            f = open('d1/ü.txt')
            print(f.read())
            f.close()
            f = open('d1/ü.txt', 'rb')
            print(f.seek(0, 2))
            f.close()
            print(os.statvfs('/remote')[0])
            os.remove('d1/ü.txt')
            os.rmdir('d1')
            print(os.listdir())
            """;
        var (vm, sim) = await new Scenario(code) { Prelude = "import os" }.RunOnBothAsync();
        AssertSame(vm, sim);
        Assert.Equal(vm.Stdout, sim.Stdout);
        Assert.Empty(vm.HostFiles);
    }

    [Theory]
    [InlineData("open('missing.txt')")]
    [InlineData("os.stat('missing')")]
    [InlineData("os.remove('missing')")]
    [InlineData("os.mkdir('there')")]
    [InlineData("os.rmdir('there')")]
    [InlineData("os.chdir('file.txt')")]
    [InlineData("open('there', 'w')")]
    public async Task Errors_raise_the_same_OSError(string code)
    {
        var (vm, sim) = await new Scenario(code) { Prelude = "import os" }
            .WithFile("there/x.txt", "x")
            .WithFile("file.txt", "f")
            .RunOnBothAsync();
        Assert.Equal(vm.Requests, sim.Requests);
        Assert.Equal(vm.HostFiles, sim.HostFiles);
        // The last line of the traceback is the exception; the frames differ (the simulated board has no board-program frames).
        Assert.StartsWith("OSError", LastLine(vm.Stderr), StringComparison.Ordinal);
        Assert.Equal(LastLine(vm.Stderr), LastLine(sim.Stderr));
    }

    private static string LastLine(string text) => text.TrimEnd().Split('\n')[^1].TrimEnd('\r');
}
