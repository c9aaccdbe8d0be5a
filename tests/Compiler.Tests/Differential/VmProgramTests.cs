namespace Mpyd.Compiler.Tests.Differential;

/// <summary>
/// Semantic test: each program in VmPrograms prints exactly the same on a real MicroPython VM whether it
/// is imported from our .mpy or from its source (which the VM compiles itself). Output includes
/// tracebacks with line numbers, so line tables are checked too.
/// </summary>
public sealed class VmProgramTests(VmProgramsFixture fixture) : IClassFixture<VmProgramsFixture>
{
    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(VmProgramsFixture.SourceDirectory, "*.py").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void HasPrograms() => Assert.True(Programs().Count >= 15);

    [Theory]
    [MemberData(nameof(Programs))]
    public void MpyPrintsWhatTheSourcePrints(string program)
    {
        var run = fixture.Run(program);

        Assert.False(run.Py.Contains("UNCAUGHT", StringComparison.Ordinal), $"{program} failed from source:\n{run.Py}");
        Assert.False(string.IsNullOrWhiteSpace(run.Py), $"{program} printed nothing from source");
        if (run.Py != run.Mpy)
            Assert.Fail($"{program}: our .mpy prints differently (- source, + .mpy):\n{Support.GoldenFiles.Diff(run.Py, run.Mpy)}");
    }
}
