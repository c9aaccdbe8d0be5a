using System.Diagnostics;
using System.Text;
using Mpyd.Bench.VmMount;
using Mpyd.Compiler;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;

// Import of 20 generated modules of about 2 KB each through /remote on the VM board (the real
// MicroPython WebAssembly VM on a pseudo-terminal), served by mpyd's own session code. A run shaped
// like the reference tool (249-byte reads, sources) is the in-run baseline. Each figure is the median
// of several runs, each on a freshly started VM, after one warm-up run (JIT, compile cache).
const int Modules = 20;
var runs = args.Length > 0 && int.TryParse(args[0], out var r) && r > 0 ? r : 5;

// The reference mpremote cannot be installed here; these are its documented figures for this same
// import on the same VM board, shown for comparison only.
const double DocumentedReferenceMs = 3200;
const int DocumentedReferenceRoundTrips = 540;

var configs = new Config[]
{
    new("mpyd, 249-byte reads (reference's size), .py", 249, false),
    new("mpyd: ReadAhead 2048, .py (auto-mpy off)", 2048, false),
    new("mpyd: ReadAhead 2048, auto-mpy (warm cache)", 2048, true),
};

var boardDir = VmProcess.FindBoardDirectory();
var dir = Directory.CreateTempSubdirectory("mpyd-vmbench-").FullName;
var cache = Directory.CreateTempSubdirectory("mpyd-vmbench-cache-").FullName;
try
{
    for (var i = 0; i < Modules; i++)
        File.WriteAllText(Path.Combine(dir, $"mod{i:00}.py"), Mpyd.Bench.BenchModules.Source(i, tableSize: 32, functions: 9));
    var importAll = "import " + string.Join(", ", Enumerable.Range(0, Modules).Select(i => $"mod{i:00}"));
    var averageSize = new DirectoryInfo(dir).EnumerateFiles().Average(f => f.Length);
    Console.WriteLine($"VM board: import of {Modules} modules ({averageSize:0} bytes each on average), median of {runs} runs after 1 warm-up");
    Console.WriteLine();
    // Configurations take turns within each round, so load that comes and goes hits them alike.
    var samples = configs.ToDictionary(c => c, _ => new List<Sample>());
    for (var run = 0; run <= runs; run++)
    {
        foreach (var config in configs)
        {
            var sample = await MeasureAsync(boardDir, dir, cache, config, importAll, showNotes: run == 0);
            if (run > 0) // round 0 warms the JIT and the compile cache
                samples[config].Add(sample);
        }
    }
    Console.WriteLine();
    Console.WriteLine($"{"configuration",-46} {"time ms",8} {"requests",9} {"round trips",12} {"bytes to board",15} {"speed-up",9}");
    double? baseline = null;
    foreach (var config in configs)
    {
        var median = samples[config].OrderBy(s => s.Milliseconds).ElementAt(samples[config].Count / 2);
        baseline ??= median.Milliseconds;
        Console.WriteLine($"{config.Name,-46} {median.Milliseconds,8:0} {median.Requests,9} {median.RoundTrips,12} {median.BytesToBoard,15} {baseline / median.Milliseconds,8:0.00}x"
            + $"   (runs: {string.Join(", ", samples[config].Select(s => s.Milliseconds.ToString("0")))} ms)");
    }
    Console.WriteLine($"{"mpremote (documented, not measured here)",-46} {DocumentedReferenceMs,8:0} {"",9} {DocumentedReferenceRoundTrips,12}");
    Console.WriteLine();
    Console.WriteLine("Against the documented mpremote figure (documented, not measured: its time comes from another run):");
    foreach (var config in configs)
    {
        var median = samples[config].OrderBy(s => s.Milliseconds).ElementAt(samples[config].Count / 2);
        Console.WriteLine($"  {config.Name,-46} time {DocumentedReferenceMs / median.Milliseconds,5:0.00}x faster, "
            + $"round trips {median.RoundTrips} vs {DocumentedReferenceRoundTrips} ({(double)DocumentedReferenceRoundTrips / median.RoundTrips:0.0}x fewer)");
    }
    Console.WriteLine();
    Console.WriteLine("Round trips: times the board waited for the host (one per one-shot request; CLOSE none).");
}
finally
{
    Directory.Delete(dir, recursive: true);
    Directory.Delete(cache, recursive: true);
}

static async Task<Sample> MeasureAsync(string boardDir, string dir, string cache, Config config, string importAll, bool showNotes)
{
    await using var vm = VmProcess.Start(boardDir);
    var settings = new MountSettings { ReadAhead = config.ReadAhead, CacheDirectory = cache };
    var console = new CapturingConsole();
    using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    try
    {
        await using var session = new BoardSession(new BoardConnection(SerialTransport.Open(vm.DevicePath)), console, settings,
            new CompilerProvider(settings, () => new NativeMpyCompiler()));
        await session.MountAsync(new MountStep(dir, config.AutoMpy, UnsafeLinks: false, WriteMpy: false), deadline.Token);
        if (showNotes)
            Console.Error.Write($"[{config.Name}] {console.Notices}");
        var connection = session.Connection;
        var requestsBefore = connection.RequestsServed;
        var roundTripsBefore = connection.RoundTrips;
        var bytesBefore = connection.BytesOut;
        var clock = Stopwatch.StartNew();
        if (!await session.ExecAsync(importAll, follow: true, deadline.Token))
            throw new InvalidOperationException("the import failed on the VM board: " + console.Output);
        clock.Stop();
        var requests = connection.RequestsServed - requestsBefore;
        var sample = new Sample(clock.Elapsed.TotalMilliseconds, requests, connection.RoundTrips - roundTripsBefore, connection.BytesOut - bytesBefore);
        await session.UnmountAsync(deadline.Token);
        return sample;
    }
    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
    {
        throw new TimeoutException($"the VM board did not finish in time; node stderr:\n{vm.Stderr}");
    }
}


internal sealed record Config(string Name, int ReadAhead, bool AutoMpy);

internal sealed record Sample(double Milliseconds, long Requests, long RoundTrips, long BytesToBoard);

internal sealed class CapturingConsole : IBoardConsole
{
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _notices = new();

    public bool RawMode { get; set; }

    public string Output => _output.ToString();

    public string Notices => _notices.ToString();

    public void WriteBoardOutput(ReadOnlySpan<byte> data) => _output.Append(Encoding.UTF8.GetString(data));

    public void Notice(string line) => _notices.AppendLine(line);
    public bool OutputIsTerminal => false;
    public void WriteLine(string line) => WriteBoardOutput(Encoding.UTF8.GetBytes(line + "\n"));
}
