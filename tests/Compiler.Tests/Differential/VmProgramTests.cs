namespace Mpyd.Compiler.Tests.Differential;

/// <summary>
/// Semantic test: each program in VmPrograms prints exactly the same on a real MicroPython VM whether it
/// is imported from our .mpy or from its source (which the VM compiles itself). Output includes
/// tracebacks with line numbers, so line tables are checked too. A program with a NAME.expected file uses
/// syntax the VM's own compiler (v1.27) lacks: its .mpy output is compared with that file instead.
/// </summary>
public sealed class VmProgramTests(VmProgramsFixture fixture) : IClassFixture<VmProgramsFixture>
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var name in GeneratedPrograms.Names(VmProgramsFixture.SourceDirectory))
            data.Add(name);
        return data;
    }

    [Fact]
    public void HasPrograms() => Assert.True(Programs().Count >= 15);

    [Theory]
    [MemberData(nameof(Programs))]
    public void MpyPrintsWhatTheSourcePrints(string program)
    {
        var run = fixture.Run(program);
        var expectedFile = Path.Combine(VmProgramsFixture.SourceDirectory, Path.ChangeExtension(program, ".expected"));
        if (File.Exists(expectedFile))
        {
            var expected = File.ReadAllText(expectedFile).ReplaceLineEndings("\n");
            if (expected != run.Mpy)
                Assert.Fail($"{program}: our .mpy prints differently (- expected, + .mpy):\n{Support.GoldenFiles.Diff(expected, run.Mpy)}");
            return;
        }

        Assert.False(run.Py.Contains("UNCAUGHT", StringComparison.Ordinal), $"{program} failed from source:\n{run.Py}");
        Assert.False(string.IsNullOrWhiteSpace(run.Py), $"{program} printed nothing from source");
        if (run.Py != run.Mpy)
            Assert.Fail($"{program}: our .mpy prints differently (- source, + .mpy):\n{Support.GoldenFiles.Diff(run.Py, run.Mpy)}");
    }
}
