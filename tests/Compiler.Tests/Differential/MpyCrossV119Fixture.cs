namespace Mpyd.Compiler.Tests.Differential;

/// <summary>
/// Compiles every source in V119Sources with mpy-cross v1.19 (npm @pybricks/mpy-cross-v6 2.0.0, run by
/// tests/compiler-node/mpy-cross-v119.mjs), once per option set, into a temporary folder.
/// </summary>
public sealed class MpyCrossV119Fixture : IDisposable
{
    /// <summary>The probe file that shows the npm package is installed.</summary>
    private const string PackageProbe = "@pybricks/mpy-cross-v6/build/mpy-cross-v6.wasm";

    private readonly string _outputRoot = Directory.CreateTempSubdirectory("mpyd-v119-").FullName;
    private readonly Dictionary<string, Lazy<string>> _outputs = new();

    public MpyCrossV119Fixture()
    {
        foreach (var set in MpyCrossV119Tests.OptionSets)
            _outputs[set.Name] = new Lazy<string>(() => CompileAll(set), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static string SourceDirectory => Path.Combine(NodeTools.SourceDirectory, "V119Sources");

    /// <summary>The .mpy v1.19 wrote for <paramref name="sourceName"/> ("x.py") under the named option set.</summary>
    public byte[] V119Output(string optionSet, string sourceName)
    {
        var dir = _outputs[optionSet].Value;
        var stem = Path.GetFileNameWithoutExtension(sourceName);
        var err = Path.Combine(dir, stem + ".err");
        if (File.Exists(err))
            Assert.Fail($"mpy-cross v1.19 rejected {sourceName} ({optionSet}):\n{File.ReadAllText(err)}");
        return File.ReadAllBytes(Path.Combine(dir, stem + ".mpy"));
    }

    private string CompileAll(MpyCrossV119Tests.OptionSet set)
    {
        NodeTools.EnsureInstalled(NodeTools.CompilerNodeDirectory, PackageProbe);
        var dir = Path.Combine(_outputRoot, set.Name);
        var result = NodeTools.RunScript("mpy-cross-v119.mjs", [SourceDirectory, dir, .. set.Arguments], TimeSpan.FromSeconds(60));
        // Exit 1 means some source was rejected: its .err file reports it in the test for that source.
        if (result.ExitCode is not (0 or 1))
            throw new InvalidOperationException($"mpy-cross-v119.mjs failed (exit {result.ExitCode}):\n{result.StandardError}{result.StandardOutput}");
        return dir;
    }

    public void Dispose() => Directory.Delete(_outputRoot, recursive: true);
}
