using Mpyd.Compiler;
using Mpyd.Compiler.Cache;
using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class AutoMpyTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _cacheDir = new();
    private readonly StubMpyCompiler _compiler = new();
    private readonly List<CompileFailedEventArgs> _failures = [];
    private CompileCache _cache = null!;
    private FileServer _server = null!;

    public Task InitializeAsync()
    {
        _cache = new CompileCache(_compiler, new CompileCacheOptions { Directory = _cacheDir.Path });
        UseServer(writeMpy: false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _cache.Dispose();
        _dir.Dispose();
        _cacheDir.Dispose();
    }

    private void UseServer(bool writeMpy, bool enabled = true)
    {
        var options = new AutoMpyOptions { Enabled = enabled, WriteMpy = writeMpy, CompileOptions = new CompileOptions(OptimizationLevel: 2) };
        var interceptor = new AutoMpyInterceptor(options, _cache);
        interceptor.CompileFailed += (_, e) => _failures.Add(e);
        _server = new FileServer(new MountRoot(_dir.Path), interceptor);
    }

    private static byte[] Compiled(string name, string source = "x = 1\n") =>
        StubMpyCompiler.Expected(name, new CompileOptions(OptimizationLevel: 2), source);

    private Task<RemoteFsReply> Send(RemoteFsRequest request) => _server.HandleAsync(request, CancellationToken.None).AsTask();

    private async Task<byte[]> ReadWhole(string path)
    {
        var fd = Assert.IsType<StatusReply>(await Send(new OpenRequest(path, "rb"))).Value;
        Assert.True(fd >= 0, $"open {path} -> {fd}");
        var data = Assert.IsType<DataReply>(await Send(new ReadRequest(fd, -1))).Data;
        await Send(new CloseRequest(fd));
        return data;
    }

    [Fact]
    public async Task ImportSequenceGetsTheCompiledModule()
    {
        var source = _dir.Write("pkg/mod.py", "x = 1\n");
        var mtime = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(source, mtime);

        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/pkg/mod")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/pkg/mod.py")));
        var stat = Assert.IsType<StatReply>(await Send(new StatRequest("/pkg/mod.mpy")));
        Assert.Equal(0x8000u, stat.Mode & 0xF000);
        Assert.Equal((uint)Compiled("pkg/mod.py").Length, stat.Size);
        Assert.Equal((uint)new DateTimeOffset(mtime).ToUnixTimeSeconds(), stat.ModifyTime);
        Assert.Equal(Compiled("pkg/mod.py"), await ReadWhole("/pkg/mod.mpy"));

        // One compile; the source name is the path relative to the mount root.
        Assert.Equal(["pkg/mod.py"], _compiler.SourceNames);
        Assert.False(File.Exists(_dir.Combine("pkg/mod.mpy")));
    }

    [Fact]
    public async Task SourceIsStillOpenableAndListed()
    {
        _dir.Write("m.py", "x = 1\n");
        Assert.Equal("x = 1\n"u8.ToArray(), await ReadWhole("/m.py"));
        var listing = Assert.IsType<ListDirReply>(await Send(new ListDirRequest("/")));
        Assert.Equal([new DirEntry("m.py", 0x8000, 6)], listing.Entries);
    }

    [Fact]
    public async Task VirtualMpyIsReadOnly()
    {
        _dir.Write("m.py", "x = 1\n");
        Assert.IsType<StatReply>(await Send(new StatRequest("/m.mpy")));
        var fd = Assert.IsType<StatusReply>(await Send(new OpenRequest("/m.mpy", "rb"))).Value;
        Assert.Equal(new StatusReply(-9), await Send(new WriteRequest(fd, [1, 2])));
    }

    [Fact]
    public async Task RealMpyOnDiskIsNeverShadowed()
    {
        _dir.Write("m.py", "x = 1\n");
        _dir.Write("m.mpy", [0x4D, 0x06, 0x00, 0x1F, 0x99]);
        Assert.IsType<StatReply>(await Send(new StatRequest("/m.py")));
        var stat = Assert.IsType<StatReply>(await Send(new StatRequest("/m.mpy")));
        Assert.Equal(5u, stat.Size);
        Assert.Equal(new byte[] { 0x4D, 0x06, 0x00, 0x1F, 0x99 }, await ReadWhole("/m.mpy"));
        Assert.Equal(0, _compiler.Calls);
    }

    [Fact]
    public async Task CompileFailureServesTheSourceAndReportsOncePerVersion()
    {
        var path = _dir.Write("bad.py", "x = !!\n");
        Assert.IsType<StatReply>(await Send(new StatRequest("/bad.py")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/bad.mpy")));
        Assert.IsType<StatReply>(await Send(new StatRequest("/bad.py")));
        var failure = Assert.Single(_failures);
        Assert.Equal("bad.py", failure.SourceName);
        Assert.Equal("bad.py:1: SyntaxError: invalid syntax", Assert.Single(failure.Diagnostics).ToString());

        File.WriteAllText(path, "y = !!!\n");
        Assert.IsType<StatReply>(await Send(new StatRequest("/bad.py")));
        Assert.Equal(2, _failures.Count);

        File.WriteAllText(path, "y = 2\n");
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/bad.py")));
        Assert.Equal(2, _failures.Count);
    }

    [Fact]
    public async Task DirectoriesAndMissingFilesAreNotIntercepted()
    {
        Directory.CreateDirectory(_dir.Combine("d.py"));
        Assert.IsType<StatReply>(await Send(new StatRequest("/d.py")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/d.mpy")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/none.py")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/none.mpy")));
        Assert.Equal(0, _compiler.Calls);
    }

    [Fact]
    public async Task DisabledServesFilesAsTheyAre()
    {
        await _server.DisposeAsync();
        UseServer(writeMpy: false, enabled: false);
        _dir.Write("m.py", "x = 1\n");
        Assert.IsType<StatReply>(await Send(new StatRequest("/m.py")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/m.mpy")));
        Assert.Equal(0, _compiler.Calls);
    }

    [Fact]
    public async Task InterceptorCanBeSwitchedWhileMounted()
    {
        _dir.Write("m.py", "x = 1\n");
        var interceptor = _server.AutoMpy;
        Assert.NotNull(interceptor);
        _server.AutoMpy = null;
        Assert.IsType<StatReply>(await Send(new StatRequest("/m.py")));
        _server.AutoMpy = new AutoMpyInterceptor(AutoMpyOptions.Disabled, _cache);
        Assert.Null(_server.AutoMpy);
        _server.AutoMpy = interceptor;
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/m.py")));
    }

    [Fact]
    public async Task WriteMpyStoresTheFileAndKeepsItCurrent()
    {
        await _server.DisposeAsync();
        UseServer(writeMpy: true);
        var source = _dir.Write("w.py", "x = 1\n");
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/w.py")));
        Assert.Equal(Compiled("w.py"), File.ReadAllBytes(_dir.Combine("w.mpy")));
        Assert.IsType<StatReply>(await Send(new StatRequest("/w.mpy")));
        Assert.Equal(Compiled("w.py"), await ReadWhole("/w.mpy"));
        // Still ours on the next import.
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/w.py")));

        // After an edit our copy is stale but still recognised as ours, so it is rewritten.
        File.WriteAllText(source, "x = 2\n");
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/w.py")));
        Assert.Equal(Compiled("w.py", "x = 2\n"), File.ReadAllBytes(_dir.Combine("w.mpy")));
        Assert.Equal(["w.mpy", "w.py"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteMpyNeverOverwritesAForeignMpy()
    {
        await _server.DisposeAsync();
        UseServer(writeMpy: true);
        _dir.Write("f.py", "x = 1\n");
        _dir.Write("f.mpy", [0x4D, 0x06, 0x00, 0x1F, 0x01]);
        Assert.IsType<StatReply>(await Send(new StatRequest("/f.py")));
        Assert.Equal(new byte[] { 0x4D, 0x06, 0x00, 0x1F, 0x01 }, File.ReadAllBytes(_dir.Combine("f.mpy")));
    }

    [Fact]
    public async Task JailAppliesToTheSibling()
    {
        using var outside = new TempDirectory();
        outside.Write("evil.py", "x = 1\n");
        File.CreateSymbolicLink(_dir.Combine("evil.py"), outside.Combine("evil.py"));
        Assert.Equal(new StatusReply(-1), await Send(new StatRequest("/evil.py")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/evil.mpy")));
        Assert.Equal(0, _compiler.Calls);
    }
}
