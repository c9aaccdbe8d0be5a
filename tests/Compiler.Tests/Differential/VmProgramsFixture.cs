using System.Text.Json;

namespace Mpyd.Compiler.Tests.Differential;

/// <summary>
/// Compiles every program in VmPrograms with <see cref="NativeMpyCompiler"/>, then runs each one on
/// MicroPython v1.27.0 (WebAssembly, tests/vm-board's npm package) twice via
/// tests/compiler-node/run-on-vm.mjs: importing our .mpy, and importing the .py (compiled by the VM).
/// </summary>
public sealed class VmProgramsFixture : IDisposable
{
    private const string VmPackageProbe = "@micropython/micropython-webassembly-pyscript/micropython.mjs";

    private readonly string _workDir = Directory.CreateTempSubdirectory("mpyd-vm-programs-").FullName;
    private readonly Lazy<IReadOnlyDictionary<string, VmRun>> _runs;

    public VmProgramsFixture() => _runs = new Lazy<IReadOnlyDictionary<string, VmRun>>(RunAll, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string SourceDirectory => Path.Combine(NodeTools.SourceDirectory, "VmPrograms");

    /// <summary>What one program printed when imported as .mpy and as .py.</summary>
    public sealed record VmRun(string Mpy, string Py);

    /// <summary>The two outputs of <paramref name="programName"/> ("x.py").</summary>
    public VmRun Run(string programName) =>
        _runs.Value.TryGetValue(Path.GetFileNameWithoutExtension(programName), out var run)
            ? run
            : throw new InvalidOperationException($"run-on-vm.mjs reported nothing for {programName}");

    private IReadOnlyDictionary<string, VmRun> RunAll()
    {
        NodeTools.EnsureInstalled(NodeTools.VmBoardDirectory, VmPackageProbe);
        var compiler = new NativeMpyCompiler();
        foreach (var file in Directory.GetFiles(SourceDirectory, "*.py"))
        {
            var name = Path.GetFileName(file);
            var source = File.ReadAllBytes(file);
            var result = compiler.Compile(source, name, CompileOptions.Default);
            File.WriteAllBytes(Path.Combine(_workDir, name), source);
            // A program we fail to compile has no .mpy; the runner reports that as its output.
            if (result.Mpy is not null)
                File.WriteAllBytes(Path.Combine(_workDir, Path.ChangeExtension(name, ".mpy")), result.Mpy);
        }
        var output = NodeTools.RunScript("run-on-vm.mjs", [NodeTools.VmBoardDirectory, _workDir], TimeSpan.FromSeconds(60));
        if (output.ExitCode != 0)
            throw new InvalidOperationException($"run-on-vm.mjs failed (exit {output.ExitCode}):\n{output.StandardError}");
        return JsonSerializer.Deserialize<Dictionary<string, VmRun>>(output.StandardOutput, JsonOptions)
            ?? throw new InvalidOperationException("run-on-vm.mjs printed null");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public void Dispose() => Directory.Delete(_workDir, recursive: true);
}
