using Mpyd.VmBoard.Tests.TestKit;

namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// The real mpyd CLI (`mpyd connect DEVICE mount DIR exec CODE`, a separate process) against both
/// boards' pseudo-terminals: the host directory must end up the same.
/// </summary>
public sealed class CliConformanceTests
{
    private const string Writes = """
        import os
        f = open('log.txt', 'w')
        f.write('one\n')
        f.write('two\n')
        f.close()
        os.mkdir('out')
        f = open('out/data.bin', 'wb')
        f.write(b'\x00\x01\x02abc')
        f.close()
        os.rename('in.txt', 'out/moved.txt')
        os.remove('tmp.txt')
        """;

    private static async Task<(CliResult Run, SortedDictionary<string, string> Files)> RunAsync(BoardKind kind, params string[] mountOptions)
    {
        var dir = Directory.CreateTempSubdirectory("mpyd-conformance-cli-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "in.txt"), "input");
            File.WriteAllText(Path.Combine(dir, "tmp.txt"), "temporary");
            await using var board = ConformanceBoard.Start(kind);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var run = await MpydCli.RunAsync(["connect", board.DevicePath, "mount", .. mountOptions, dir, "exec", Writes],
                () => board.Diagnostics, deadline.Token);
            Assert.True(run.ExitCode == 0, $"mpyd on the {kind} board exited {run.ExitCode}\nstdout:\n{run.Stdout}\nstderr:\n{run.Stderr}");
            return (run, ScenarioResult.Snapshot(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Board_writes_through_the_cli_leave_the_same_host_files()
    {
        var vm = await RunAsync(BoardKind.Vm, "--no-auto-mpy");
        var sim = await RunAsync(BoardKind.Sim, "--no-auto-mpy");
        Assert.Equal(
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["log.txt"] = "one\ntwo\n",
                ["out"] = "<dir>",
                ["out/data.bin"] = "\0\u0001\u0002abc",
                ["out/moved.txt"] = "input",
            },
            vm.Files);
        Assert.Equal(vm.Files, sim.Files);
    }
}
