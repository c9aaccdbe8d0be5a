using System.Diagnostics;
using System.Globalization;
using Mpyd.Bench.Compiler;
using Mpyd.Compiler;

// Compile speed of the in-process compiler against an external mpy-cross, in two measurements:
//  1. a folder of sources (e.g. the upstream tests): in process versus one mpy-cross process per file;
//  2. one large module built from our own test programs: bytes per second, in process versus mpy-cross.
// Usage: dotnet run -c Release --project bench/CompilerBench -- [--mpy-cross PATH] [--sources DIR] [--rounds N] [--large-kb N]
// Rounds alternate in-process and external runs, and every figure is the median over rounds, so that load
// from other processes hits both sides alike. Absolute times depend on the machine; read the ratios.
var invariant = CultureInfo.InvariantCulture;
string root = LargeSource.FindRepoRoot();
string? mpyCross = null;
string sources = Path.Combine(root, "tests/Compiler.Tests/Golden/Sources");
int rounds = 3;
int largeKb = 256;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--mpy-cross" when i + 1 < args.Length: mpyCross = args[++i]; break;
        case "--sources" when i + 1 < args.Length: sources = args[++i]; break;
        case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i], invariant); break;
        case "--large-kb" when i + 1 < args.Length: largeKb = int.Parse(args[++i], invariant); break;
        default:
            Console.Error.WriteLine($"compiler-bench: unknown argument '{args[i]}' (use --mpy-cross PATH, --sources DIR, --rounds N, --large-kb N)");
            return 2;
    }
}
mpyCross ??= FindOnPath("mpy-cross");

var files = Directory.GetFiles(Path.GetFullPath(sources), "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
if (files.Length == 0)
{
    Console.Error.WriteLine($"compiler-bench: no .py files in {sources} (give --sources DIR)");
    return 2;
}
var inputs = files.Select(f => (Name: f, Bytes: File.ReadAllBytes(f))).ToArray();
long totalBytes = inputs.Sum(x => (long)x.Bytes.Length);
var compiler = new NativeMpyCompiler();

// Cold: the first compile of every file in this process, JIT included (the daemon's first minutes).
var sw = Stopwatch.StartNew();
int compiled = 0;
foreach (var (name, bytes) in inputs)
{
    compiled += compiler.Compile(bytes, name, CompileOptions.Default).Success ? 1 : 0;
}
var cold = sw.Elapsed;
// Let tiered compilation settle before the warm rounds.
for (int w = 0; w < 5; w++)
{
    CompileAll();
}

Console.WriteLine($"Sources: {inputs.Length} files, {totalBytes:N0} bytes ({compiled} compile, the rest are rejected by the compiler)");
Console.WriteLine($"  in process, cold (first compile of each file, JIT included): {Ms(cold)} ({PerFile(cold)} per file)");
string outDir = Directory.CreateTempSubdirectory("compiler-bench").FullName;
try
{
    // Without a native mpy-cross: v1.19 compiled to WebAssembly, one node process per file (tests/compiler-node).
    var wasmCli = Path.Combine(root, "tests", "compiler-node", "mpy-cross-cli.mjs");
    var node = mpyCross is null && Directory.Exists(Path.Combine(root, "tests", "compiler-node", "node_modules")) ? FindOnPath("node") : null;
    var external = mpyCross is not null ? new ExternalCompiler(mpyCross, outDir)
        : node is not null ? new ExternalCompiler(node, outDir, [wasmCli])
        : null;
    Console.WriteLine(mpyCross is not null ? $"  reference: {mpyCross}"
        : node is not null ? "  reference: mpy-cross v1.19 compiled to WebAssembly (npm @pybricks/mpy-cross-v6), one node process per file; its output differs from v1.28's"
        : "  reference: none");
    var warmTimes = new List<TimeSpan>();
    var externalTimes = new List<TimeSpan>();
    var ratios = new List<double>();
    for (int r = 0; r < rounds; r++)
    {
        var warm = CompileAll();
        warmTimes.Add(warm);
        string line = $"  round {r + 1}: in process {Ms(warm)}";
        if (external is not null)
        {
            var ext = await external.CompileAllAsync(files);
            externalTimes.Add(ext);
            ratios.Add(ext / warm);
            line += $", mpy-cross per file {Ms(ext)}: {ext / warm:F1}x";
        }
        Console.WriteLine(line);
    }
    var warmMedian = Median(warmTimes);
    Console.WriteLine($"  in process, warm (median of {rounds}): {Ms(warmMedian)} ({PerFile(warmMedian)} per file)");
    if (external is null)
    {
        Console.WriteLine("  no mpy-cross (give --mpy-cross PATH, put it on PATH, or npm install in tests/compiler-node): external comparison skipped");
        return 0;
    }
    var extMedian = Median(externalTimes);
    Console.WriteLine($"  mpy-cross, one process per file (median of {rounds}): {Ms(extMedian)} ({PerFile(extMedian)} per file)");
    Console.WriteLine($"  => in process is {Median(ratios):F1}x faster warm (median of per-round ratios), {extMedian / cold:F1}x cold");

    // Per byte on one large module: the compilers themselves, with process start-up a small share.
    byte[] large = LargeSource.Build(root, largeKb * 1024);
    string largePath = Path.Combine(outDir, "large.py");
    await File.WriteAllBytesAsync(largePath, large);
    string[] heapArgs = [];
    byte[]? reference = await external.CompileAsync(largePath, heapArgs);
    if (reference is null)
    {
        // mpy-cross's default 2 MB heap can be too small for a large module.
        heapArgs = ["-X", "heapsize=64M"];
        reference = await external.CompileAsync(largePath, heapArgs);
    }
    if (reference is null)
    {
        // v1.19 (the WebAssembly fallback) lacks constructs our test programs use: a failure is no speed.
        Console.WriteLine($"Large module: {large.Length:N0} bytes; the reference rejected it, so there is no per-byte ratio");
        return 0;
    }
    var ours = compiler.Compile(large, largePath, CompileOptions.Default);
    for (int w = 0; w < 3; w++)
    {
        compiler.Compile(large, largePath, CompileOptions.Default);
    }
    var inTimes = new List<TimeSpan>();
    var exTimes = new List<TimeSpan>();
    var largeRatios = new List<double>();
    for (int r = 0; r < rounds; r++)
    {
        sw.Restart();
        compiler.Compile(large, largePath, CompileOptions.Default);
        var inTime = sw.Elapsed;
        sw.Restart();
        await external.CompileAsync(largePath, heapArgs);
        var exTime = sw.Elapsed;
        inTimes.Add(inTime);
        exTimes.Add(exTime);
        largeRatios.Add(exTime / inTime);
    }
    var inMedian = Median(inTimes);
    var exMedian = Median(exTimes);
    string same = ours.Mpy is not null && ours.Mpy.AsSpan().SequenceEqual(reference) ? "identical" : "DIFFERENT";
    Console.WriteLine($"Large module: {large.Length:N0} bytes built from tests/Compiler.Tests programs; output {same}{(heapArgs.Length > 0 ? " (mpy-cross given -X heapsize=64M)" : "")}");
    Console.WriteLine($"  in process, warm (median of {rounds}): {Ms(inMedian)}, {Rate(large.Length, inMedian)}");
    Console.WriteLine($"  mpy-cross, one process (median of {rounds}): {Ms(exMedian)}, {Rate(large.Length, exMedian)}");
    Console.WriteLine($"  => in process is {Median(largeRatios):F1}x mpy-cross's speed per byte (median of per-round ratios)");
}
finally
{
    Directory.Delete(outDir, recursive: true);
}
return 0;

TimeSpan CompileAll()
{
    var t = Stopwatch.StartNew();
    foreach (var (name, bytes) in inputs)
    {
        compiler.Compile(bytes, name, CompileOptions.Default);
    }
    return t.Elapsed;
}

string Ms(TimeSpan t) => $"{t.TotalMilliseconds.ToString("N0", invariant)} ms";

string PerFile(TimeSpan t) => $"{(t.TotalMilliseconds / inputs.Length).ToString("F3", invariant)} ms";

static string Rate(int bytes, TimeSpan t) => $"{(bytes / t.TotalSeconds / 1e6).ToString("F2", CultureInfo.InvariantCulture)} MB/s";

static T Median<T>(List<T> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string? FindOnPath(string name)
{
    foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
    {
        string candidate = Path.Combine(dir, name);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }
    return null;
}
