using System.Diagnostics;
using System.Text;
using Mpyd.Compiler;
using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Link;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Transport;

// Import of 20 modules of about 2 KB through the mount on the simulated board, per link model:
// mpyd's defaults against a run shaped like the reference tool (249-byte reads, sources), in the
// same process. Prints medians and ratios; wall time here includes the link model's transfer times.
const int Modules = 20;
const int Runs = 5;

var links = new (string Name, LinkModel? Model)[] { ("none (in-process, no delay)", null), ("USB 12 Mbit/s, 1 ms", LinkModel.Usb12M), ("UART 115200", LinkModel.Uart115200) };
var configs = new (string Name, int ReadAhead, bool AutoMpy)[]
{
    ("reference-like: 249-byte reads, .py", 249, false),
    ("mpyd: read-ahead 2048, .py", 2048, false),
    ("mpyd: read-ahead 2048, auto-mpy (warm cache)", 2048, true),
};

var dir = Directory.CreateTempSubdirectory("mpyd-bench-").FullName;
var cache = Directory.CreateTempSubdirectory("mpyd-bench-cache-").FullName;
try
{
    for (var i = 0; i < Modules; i++)
        File.WriteAllText(Path.Combine(dir, $"mod{i:00}.py"), Mpyd.Bench.BenchModules.Source(i, tableSize: 24, functions: 8));
    var importAll = "import " + string.Join(", ", Enumerable.Range(0, Modules).Select(i => $"mod{i:00}"));
    Console.WriteLine($"import of {Modules} modules ({new DirectoryInfo(dir).EnumerateFiles().Average(f => f.Length):0} bytes each on average), median of {Runs} runs");
    foreach (var (linkName, model) in links)
    {
        Console.WriteLine();
        Console.WriteLine($"link: {linkName}");
        Console.WriteLine($"{"configuration",-46} {"time ms",8} {"requests",9} {"round trips",12} {"bytes to board",15} {"ratio",7}");
        double? baseline = null;
        foreach (var (name, readAhead, autoMpy) in configs)
        {
            var samples = new List<Sample>();
            for (var run = 0; run < Runs + 1; run++)
            {
                var sample = await MeasureAsync(dir, cache, model, readAhead, autoMpy, importAll);
                if (run > 0) // the first run warms the JIT and the compile cache
                    samples.Add(sample);
            }
            var median = samples.OrderBy(s => s.Milliseconds).ElementAt(samples.Count / 2);
            baseline ??= median.Milliseconds;
            Console.WriteLine($"{name,-46} {median.Milliseconds,8:0.0} {median.Requests,9} {median.RoundTrips,12} {median.BytesToBoard,15} {baseline / median.Milliseconds,6:0.0}x");
        }
    }
}
finally
{
    Directory.Delete(dir, recursive: true);
    Directory.Delete(cache, recursive: true);
}

static async Task<Sample> MeasureAsync(string dir, string cache, LinkModel? model, int readAhead, bool autoMpy, string importAll)
{
    var board = new SimulatedBoard(new SimulatedBoardOptions { Link = model });
    var (host, boardEnd) = InMemoryLink.Create("sim");
    var boardTask = Task.Run(() => board.RunAsync(boardEnd, CancellationToken.None));
    var settings = new MountSettings { ReadAhead = readAhead, CacheDirectory = cache };
    var console = new NullConsole();
    await using var session = new BoardSession(new BoardConnection(host), console, settings, new CompilerProvider(settings, () => new NativeMpyCompiler()));
    using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    await session.MountAsync(new MountStep(dir, autoMpy, UnsafeLinks: false, WriteMpy: false), deadline.Token);
    var requestsBefore = session.Connection.RequestsServed;
    var roundTripsBefore = session.Connection.RoundTrips;
    var bytesBefore = session.Connection.BytesOut;
    var clock = Stopwatch.StartNew();
    if (!await session.ExecAsync(importAll, follow: true, deadline.Token))
        throw new InvalidOperationException("the import failed: " + console.Text);
    clock.Stop();
    var requests = session.Connection.RequestsServed - requestsBefore;
    // Each time the board waited for the host: one per one-shot request, none for CLOSE.
    var sample = new Sample(clock.Elapsed.TotalMilliseconds, requests, session.Connection.RoundTrips - roundTripsBefore,
        session.Connection.BytesOut - bytesBefore);
    await session.UnmountAsync(deadline.Token);
    return sample;
}


internal sealed record Sample(double Milliseconds, long Requests, long RoundTrips, long BytesToBoard);

internal sealed class NullConsole : IBoardConsole
{
    private readonly StringBuilder _text = new();
    public bool RawMode { get; set; }
    public string Text => _text.ToString();
    public void WriteBoardOutput(ReadOnlySpan<byte> data) => _text.Append(Encoding.UTF8.GetString(data));
    public void Notice(string line) => _text.AppendLine(line);
    public bool OutputIsTerminal => false;
    public void WriteLine(string line) => WriteBoardOutput(Encoding.UTF8.GetBytes(line + "\n"));
}
