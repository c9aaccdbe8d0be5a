namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// File object calls on /remote, one snippet per case, on both boards: the same requests, the same
/// printed results (no imports, so the console text compares), the same host files afterwards.
/// </summary>
public sealed class FileApiConformanceTests
{
    private static Scenario WithFiles(string code) => new Scenario(code) { Prelude = "import os, sys" }
        .WithFile("u.txt", "añb€c\nzwei\ndrei\n")
        .WithFile("big.bin", string.Concat(Enumerable.Range(0, 300).Select(i => $"{i:000000000}\n")))
        .WithFile("lib/helper.py", "H = 1\n");

    [Theory]
    [InlineData("f = open('u.txt')\nprint(f.read(3))\nprint(f.readline())\nprint(f.readlines())\nf.close()")]
    [InlineData("f = open('u.txt', 'rb')\nprint(f.read(3))\nprint(f.readline())\nprint(f.tell())\nprint(f.read())\nf.close()")]
    [InlineData("f = open('big.bin', 'rb')\nprint(len(f.read(100)))\nprint(len(f.read(2500)))\nprint(f.tell())\nprint(len(f.read()))\nf.close()")]
    [InlineData("f = open('big.bin', 'rb')\nf.seek(2990)\nprint(f.read(20))\nprint(f.seek(-5, 2))\nprint(f.read())\nf.close()")]
    [InlineData("f = open('u.txt', 'a')\nf.write('vier\\n')\nf.close()\nprint(os.stat('u.txt')[6])")]
    [InlineData("f = open('new.txt', 'w')\nprint(f.write('ab'))\nprint(f.write(b'cd'))\nf.close()")]
    [InlineData("f = open('u.txt', 'r+')\nprint(f.read(2))\nf.seek(0)\nf.write('X')\nf.close()")]
    [InlineData("print(os.listdir('lib'))\nprint(os.stat('lib')[0])\nprint(os.stat('u.txt')[0])")]
    [InlineData("os.chdir('lib')\nprint(os.getcwd())\nprint(os.listdir())\nos.chdir('/remote/lib/..')\nprint(os.getcwd())")]
    [InlineData("sys.path.append('/remote/lib')\nimport helper")]
    public async Task A_file_call_behaves_the_same(string code)
    {
        var (vm, sim) = await WithFiles(code).RunOnBothAsync();
        Assert.True(vm.Stderr == "", $"VM board raised:\n{vm.Stderr}");
        Assert.True(sim.Stderr == "", $"simulated board raised:\n{sim.Stderr}");
        Assert.Equal(vm.Requests, sim.Requests);
        Assert.Equal(vm.HostFiles, sim.HostFiles);
        if (!code.Contains("import helper", StringComparison.Ordinal))
            Assert.Equal(vm.Stdout, sim.Stdout);
    }
}
