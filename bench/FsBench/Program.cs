using System.Diagnostics;
using System.Text;
using Mpyd.Bench.Fs;
using Mpyd.DeviceSim;
using Mpyd.DeviceSim.Link;
using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;
using Mpyd.Protocol.Transport;

// Upload and download of a file on the simulated board, per link model and kind of content:
// mpyd's BoardFileSystem against a transfer shaped like the reference tool's (256-byte chunks,
// one exec each), in the same process. Wall time includes the link model's transfer times.
// Usage: mpyd-fs-bench [--size BYTES] [--runs N] [--links uart,usb,none]
var size = 256 * 1024;
var runs = 1;
var linkNames = "usb,uart";
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--size": size = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--runs": runs = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--links": linkNames = args[i + 1]; break;
        default: throw new ArgumentException($"unknown option {args[i]}");
    }
}

var links = new Dictionary<string, (string Name, LinkModel? Model)>
{
    ["none"] = ("none (in-process, no delay)", null),
    ["usb"] = ("USB 12 Mbit/s, 1 ms", LinkModel.Usb12M),
    ["uart"] = ("UART 115200", LinkModel.Uart115200),
};
var contents = new (string Name, byte[] Data)[] { ("binary (random)", RandomBytes(size)), ("text (Python source)", PythonText(size)) };

Console.WriteLine($"file of {size:N0} bytes, median of {runs} run(s) after a warm-up on an unthrottled link");
await WarmUpAsync(contents[0].Data);
foreach (var key in linkNames.Split(','))
{
    var (linkName, model) = links[key];
    Console.WriteLine();
    Console.WriteLine($"link: {linkName}");
    Console.WriteLine($"{"content",-22} {"direction",-9} {"reference-like ms",18} {"mpyd ms",9} {"ref. bytes",11} {"mpyd bytes",11} {"speed-up",9}");
    foreach (var (contentName, data) in contents)
    {
        foreach (var upload in new[] { true, false })
        {
            var reference = Median(await RepeatAsync(runs, () => MeasureAsync(model, data, upload, mpyd: false)));
            var ours = Median(await RepeatAsync(runs, () => MeasureAsync(model, data, upload, mpyd: true)));
            Console.WriteLine($"{contentName,-22} {(upload ? "upload" : "download"),-9} {reference.Milliseconds,18:N0} {ours.Milliseconds,9:N0} {reference.Bytes,11:N0} {ours.Bytes,11:N0} {reference.Milliseconds / ours.Milliseconds,8:0.0}x");
        }
    }
}

static async Task WarmUpAsync(byte[] data)
{
    await MeasureAsync(null, data, upload: true, mpyd: false);
    await MeasureAsync(null, data, upload: true, mpyd: true);
    await MeasureAsync(null, data, upload: false, mpyd: false);
    await MeasureAsync(null, data, upload: false, mpyd: true);
}

static async Task<List<Sample>> RepeatAsync(int runs, Func<Task<Sample>> measure)
{
    var samples = new List<Sample>();
    for (var i = 0; i < runs; i++)
        samples.Add(await measure());
    return samples;
}

static Sample Median(List<Sample> samples) => samples.OrderBy(s => s.Milliseconds).ElementAt(samples.Count / 2);

// One fresh board per measurement; the download measurements find the file already on the flash.
// Bytes = everything on the wire both ways during the transfer.
static async Task<Sample> MeasureAsync(LinkModel? model, byte[] data, bool upload, bool mpyd)
{
    var board = new SimulatedBoard(new SimulatedBoardOptions { Link = model, FlashCapacity = 8 * 1024 * 1024 });
    if (!upload)
        board.Flash.WriteFile("/data.bin", data);
    var (host, boardEnd) = InMemoryLink.Create("sim");
    using var stop = new CancellationTokenSource();
    var boardTask = Task.Run(() => board.RunAsync(boardEnd, stop.Token));
    using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
    var connection = new BoardConnection(host);
    try
    {
        var repl = new RawReplClient(connection);
        await repl.EnterRawReplAsync(softReset: false, deadline.Token);
        var before = connection.BytesIn + connection.BytesOut;
        var clock = Stopwatch.StartNew();
        byte[] back;
        if (mpyd)
        {
            var fs = new BoardFileSystem(repl);
            if (upload)
            {
                await fs.WriteFileAsync("/data.bin", new MemoryStream(data), data.Length, null, deadline.Token);
                back = board.Flash.ReadFile("/data.bin")!;
            }
            else
            {
                using var ms = new MemoryStream();
                await fs.ReadFileAsync("/data.bin", ms, null, deadline.Token);
                back = ms.ToArray();
            }
        }
        else
        {
            var reference = new ReferenceLikeTransfer(repl);
            if (upload)
            {
                await reference.WriteAsync("/data.bin", data, deadline.Token);
                back = board.Flash.ReadFile("/data.bin")!;
            }
            else
            {
                back = await reference.ReadAsync("/data.bin", deadline.Token);
            }
        }
        clock.Stop();
        if (!back.AsSpan().SequenceEqual(data))
            throw new InvalidOperationException($"the {(mpyd ? "mpyd" : "reference-like")} {(upload ? "upload" : "download")} changed the data");
        return new Sample(clock.Elapsed.TotalMilliseconds, connection.BytesIn + connection.BytesOut - before);
    }
    finally
    {
        await connection.DisposeAsync();
        await stop.CancelAsync();
        try
        {
            await boardTask;
        }
        catch (OperationCanceledException)
        {
            // The board stops by cancellation.
        }
    }
}

static byte[] RandomBytes(int size)
{
    var data = new byte[size];
    new Random(1234).NextBytes(data);
    return data;
}

static byte[] PythonText(int size)
{
    var sb = new StringBuilder();
    for (var n = 0; sb.Length < size; n++)
        sb.Append(Mpyd.Bench.BenchModules.Source(n, tableSize: 24, functions: 8));
    return Encoding.UTF8.GetBytes(sb.ToString(0, size));
}

internal readonly record struct Sample(double Milliseconds, long Bytes);
