using System.Diagnostics;
using Mpyd.Compiler;

// Compile throughput: the in-process compiler versus one external compiler process per file.
// Usage: dotnet run -c Release --project bench/CompilerBench -- [--mpy-cross PATH] [--sources DIR] [--rounds N]
// Prints ratios only; absolute times depend on the machine.
string? mpyCross = null;
string sources = Path.Combine(AppContext.BaseDirectory, "../../../../../tests/Compiler.Tests/Golden/Sources");
int rounds = 20;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--mpy-cross" when i + 1 < args.Length: mpyCross = args[++i]; break;
        case "--sources" when i + 1 < args.Length: sources = args[++i]; break;
        case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"compiler-bench: unknown argument '{args[i]}' (use --mpy-cross PATH, --sources DIR, --rounds N)");
            return 2;
    }
}

var files = Directory.GetFiles(Path.GetFullPath(sources), "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
if (files.Length == 0)
{
    Console.Error.WriteLine($"compiler-bench: no .py files in {sources} (give --sources DIR)");
    return 2;
}
var inputs = files.Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToArray();
long totalBytes = inputs.Sum(x => (long)x.Bytes.Length);
var compiler = new NativeMpyCompiler();

// Cold: the first compile of each file in a fresh process-wide state (JIT included).
var sw = Stopwatch.StartNew();
foreach (var (name, bytes) in inputs)
{
    compiler.Compile(bytes, name, CompileOptions.Default);
}
double coldPerFile = sw.Elapsed.TotalMilliseconds / inputs.Length;

sw.Restart();
for (int r = 0; r < rounds; r++)
{
    foreach (var (name, bytes) in inputs)
    {
        compiler.Compile(bytes, name, CompileOptions.Default);
    }
}
double warmPerFile = sw.Elapsed.TotalMilliseconds / (rounds * inputs.Length);

Console.WriteLine($"{inputs.Length} files, {totalBytes} bytes of source, {rounds} warm rounds");
Console.WriteLine($"in-process: cold/warm per-file time ratio {coldPerFile / warmPerFile:F1}x");

mpyCross ??= File.Exists("/work/ref/micropython/mpy-cross/build/mpy-cross") ? "/work/ref/micropython/mpy-cross/build/mpy-cross" : null;
if (mpyCross is null)
{
    Console.WriteLine("no external compiler given (--mpy-cross PATH): external comparison skipped");
    return 0;
}

string outDir = Directory.CreateTempSubdirectory("compiler-bench").FullName;
try
{
    int externalRounds = Math.Max(1, rounds / 5);
    sw.Restart();
    for (int r = 0; r < externalRounds; r++)
    {
        foreach (var f in files)
        {
            var psi = new ProcessStartInfo(mpyCross, ["-o", Path.Combine(outDir, "out.mpy"), f])
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(psi)!;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await p.WaitForExitAsync(cts.Token);
        }
    }
    double externalPerFile = sw.Elapsed.TotalMilliseconds / (externalRounds * files.Length);
    Console.WriteLine($"external process per file vs in-process warm: {externalPerFile / warmPerFile:F1}x slower");
    Console.WriteLine($"external process per file vs in-process cold: {externalPerFile / coldPerFile:F1}x");
}
finally
{
    Directory.Delete(outDir, recursive: true);
}
return 0;
