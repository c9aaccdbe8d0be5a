using Mpyd.Tests.Shared;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mpyd.DeviceSim;
using Mpyd.DeviceSim.FileSystem;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Commands.Mip;
using Mpyd.MountDaemon.Tests.TestKit;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Tests.Commands.Mip;

/// <summary>
/// A simulated board in process plus a local HTTP server holding a package index under /pi,
/// "GitHub" under /github and "GitLab" under /gitlab; runs the real installer against both.
/// </summary>
internal sealed class MipHarness : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    private MipHarness(SimMount mount) => Mount = mount;

    public SimMount Mount { get; }

    public MipTestServer Server { get; } = new();

    public FlashFileSystem Flash => Mount.Board.Flash;

    public string Index => Server.BaseUrl + "/pi";

    public MipSources Sources => new(Server.BaseUrl + "/github", Server.BaseUrl + "/gitlab");

    /// <summary>Deadline of each HTTP request in these tests (the hang test shortens it).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public static MipHarness Start(SimulatedBoardOptions? options = null) => new(SimMount.Start(options));

    /// <summary>The 8-hex-digit short hash the index names a file by.</summary>
    public static string ShortHash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data))[..8];

    /// <summary>
    /// Publishes an index package: its manifest at /pi/package/MPY/NAME/VERSION.json and each file at
    /// /pi/file/XX/HASH. Returns the manifest's path.
    /// </summary>
    public string AddIndexPackage(string name, (string Path, string Text)[] files, (string Name, string Version)[]? deps = null,
        string version = "latest", string mpy = "6")
    {
        var hashes = new List<string[]>();
        foreach (var (path, text) in files)
        {
            var data = Encoding.UTF8.GetBytes(text);
            var hash = ShortHash(data);
            Server.Add($"/pi/file/{hash[..2]}/{hash}", data);
            hashes.Add([path, hash]);
        }
        var manifest = $"/pi/package/{mpy}/{name}/{version}.json";
        Server.Add(manifest, Manifest(hashes: hashes, deps: deps?.Select(d => new[] { d.Name, d.Version }), version: "1.0.0"));
        return manifest;
    }

    public static string Manifest(IEnumerable<string[]>? hashes = null, IEnumerable<string[]>? urls = null, IEnumerable<string[]>? deps = null,
        string version = "0.1") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["hashes"] = hashes?.ToArray() ?? [],
            ["urls"] = urls?.ToArray() ?? [],
            ["deps"] = deps?.ToArray() ?? [],
            ["version"] = version,
        });

    public string? ReadBoardFile(string path) => Flash.ReadFile(path) is { } data ? Encoding.UTF8.GetString(data) : null;

    /// <summary>
    /// Runs "mip install" as the chain would; returns the lines printed and the failure, if any.
    /// <paramref name="sysPath"/> stands in for the board's sys.path (the simulated board's cannot be emptied).
    /// </summary>
    public async Task<(string Output, CommandException? Error)> InstallAsync(MipStep step, IReadOnlyList<string>? sysPath = null)
    {
        var before = Mount.Console.Output.Length;
        var ct = SimMount.Timeout();
        var repl = await Mount.Session.PrepareRawReplAsync(ct);
        using var installer = new MipInstaller(_http, Sources, RequestTimeout);
        CommandException? error = null;
        try
        {
            var board = new BoardFileSystem(repl);
            if (sysPath is null)
            {
                await installer.InstallAsync(step, repl, board, Mount.Console, ct);
            }
            else
            {
                await installer.InstallAsync(step, async c => (await MipBoardQuery.ReadAsync(repl, c)) with { SysPath = sysPath }, board,
                    Mount.Console, ct);
            }
        }
        catch (CommandException e)
        {
            error = e;
        }
        return (Mount.Console.Output[before..].Replace(Server.BaseUrl, "http://SERVER", StringComparison.Ordinal), error);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Mount.DisposeAsync();
        _http.Dispose();
    }
}
