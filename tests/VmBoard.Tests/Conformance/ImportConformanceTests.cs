namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// Imports through the mount on the real MicroPython VM and on the simulated board, through the same
/// host code: both must send the same mount requests in the same order (docs/board-program.md).
/// Console text is not compared: the simulated board prints "imported …" lines, the VM runs the module.
/// </summary>
public sealed class ImportConformanceTests
{
    private static void AssertSameRequests(ScenarioResult vm, ScenarioResult sim, string[] documented)
    {
        Assert.True(vm.Stderr == "", $"VM board raised:\n{vm.Stderr}");
        Assert.True(sim.Stderr == "", $"simulated board raised:\n{sim.Stderr}");
        Assert.Equal(documented, vm.Requests);
        Assert.Equal(vm.Requests, sim.Requests);
    }

    [Fact]
    public async Task Import_of_a_module()
    {
        var (vm, sim) = await new Scenario("import mod").WithFile("mod.py", "X = 1\n").RunOnBothAsync();
        AssertSameRequests(vm, sim, ["STAT /mod", "STAT /mod.py", "OPEN_READ /mod.py 2048", "CLOSE 0"]);
    }

    [Fact]
    public async Task Import_of_a_package_with_init()
    {
        var (vm, sim) = await new Scenario("import pkg").WithFile("pkg/__init__.py", "Y = 2\n").RunOnBothAsync();
        AssertSameRequests(vm, sim, ["STAT /pkg", "STAT /pkg/__init__.py", "OPEN_READ /pkg/__init__.py 2048", "CLOSE 0"]);
    }

    [Fact]
    public async Task Import_of_a_module_in_a_subdirectory_package()
    {
        var (vm, sim) = await new Scenario("import pkg.sub")
            .WithFile("pkg/__init__.py", "A = 1\n")
            .WithFile("pkg/sub.py", "B = 2\n")
            .RunOnBothAsync();
        AssertSameRequests(vm, sim,
        [
            "STAT /pkg", "STAT /pkg/__init__.py", "OPEN_READ /pkg/__init__.py 2048", "CLOSE 0",
            "STAT /pkg/sub", "STAT /pkg/sub.py", "OPEN_READ /pkg/sub.py 2048", "CLOSE 0",
        ]);
    }

    [Fact]
    public async Task From_import_of_a_submodule()
    {
        var (vm, sim) = await new Scenario("from pkg import sub")
            .WithFile("pkg/__init__.py", "A = 1\n")
            .WithFile("pkg/sub.py", "B = 2\n")
            .RunOnBothAsync();
        AssertSameRequests(vm, sim,
        [
            "STAT /pkg", "STAT /pkg/__init__.py", "OPEN_READ /pkg/__init__.py 2048", "CLOSE 0",
            "STAT /pkg/sub", "STAT /pkg/sub.py", "OPEN_READ /pkg/sub.py 2048", "CLOSE 0",
        ]);
    }

    [Fact]
    public async Task Import_of_a_module_in_a_namespace_package()
    {
        var (vm, sim) = await new Scenario("import ns.mod").WithFile("ns/mod.py", "C = 3\n").RunOnBothAsync();
        AssertSameRequests(vm, sim,
        [
            "STAT /ns", "STAT /ns/__init__.py", "STAT /ns/__init__.mpy",
            "STAT /ns/mod", "STAT /ns/mod.py", "OPEN_READ /ns/mod.py 2048", "CLOSE 0",
        ]);
    }

    [Fact]
    public async Task Import_of_a_module_larger_than_the_read_ahead()
    {
        var (vm, sim) = await new Scenario("import big").WithFile("big.py", Padding(5000)).RunOnBothAsync();
        AssertSameRequests(vm, sim, ["STAT /big", "STAT /big.py", "OPEN_READ /big.py 2048", "READ 0 2048", "READ 0 2048", "CLOSE 0"]);
    }

    [Fact]
    public async Task Import_with_reference_sized_reads()
    {
        var (vm, sim) = await new Scenario("import mod") { ReadAhead = 249 }.WithFile("mod.py", Padding(600)).RunOnBothAsync();
        AssertSameRequests(vm, sim, ["STAT /mod", "STAT /mod.py", "OPEN_READ /mod.py 249", "READ 0 249", "READ 0 249", "CLOSE 0"]);
    }

    [Fact]
    public async Task A_module_imported_twice_is_fetched_once()
    {
        var (vm, sim) = await new Scenario("import mod\nimport mod").WithFile("mod.py", "X = 1\n").RunOnBothAsync();
        AssertSameRequests(vm, sim, ["STAT /mod", "STAT /mod.py", "OPEN_READ /mod.py 2048", "CLOSE 0"]);
    }

    [Fact]
    public async Task Import_of_a_missing_module_probes_the_same_names()
    {
        var (vm, sim) = await new Scenario("import nothere").RunOnBothAsync();
        Assert.Contains("ImportError: no module named 'nothere'", vm.Stderr, StringComparison.Ordinal);
        Assert.Contains("ImportError: no module named 'nothere'", sim.Stderr, StringComparison.Ordinal);
        string[] documented = ["STAT /nothere", "STAT /nothere.py", "STAT /nothere.mpy"];
        Assert.Equal(documented, vm.Requests);
        Assert.Equal(vm.Requests, sim.Requests);
    }

    [Fact]
    public async Task Import_with_auto_mpy_loads_the_compiled_module()
    {
        var (vm, sim) = await new Scenario("import mod\nimport pkg.sub") { AutoMpy = true }
            .WithFile("mod.py", "X = 1\ndef f(a):\n    return a * X\n")
            .WithFile("pkg/__init__.py", "A = 1\n")
            .WithFile("pkg/sub.py", "B = 2\n")
            .RunOnBothAsync();
        AssertSameRequests(vm, sim,
        [
            "STAT /mod", "STAT /mod.py", "STAT /mod.mpy", "OPEN_READ /mod.mpy 2048", "CLOSE 0",
            "STAT /pkg", "STAT /pkg/__init__.py", "STAT /pkg/__init__.mpy", "OPEN_READ /pkg/__init__.mpy 2048", "CLOSE 0",
            "STAT /pkg/sub", "STAT /pkg/sub.py", "STAT /pkg/sub.mpy", "OPEN_READ /pkg/sub.mpy 2048", "CLOSE 0",
        ]);
    }

    // Comment lines: valid Python of exactly n bytes.
    private static string Padding(int n)
    {
        var line = "# padding padding padding padding padding padding\n";
        var text = string.Concat(Enumerable.Repeat(line, n / line.Length + 1));
        return text[..(n - 2)] + "\n\n";
    }
}
