using System.Text;
using Mpyd.Compiler.Cache;

namespace Mpyd.Compiler.Tests.Cache;

public sealed class CompileCacheTests : IDisposable
{
    private static readonly FileMetadata Meta = new(10, 638_000_000_000_000_000);

    private readonly string _root = Directory.CreateTempSubdirectory("mpyd-cache-test-").FullName;
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string CacheDir => Path.Join(_root, "cache");

    private CompileCache NewCache(CountingCompiler compiler, long maxDisk = CompileCacheOptions.DefaultMaxDiskBytes) =>
        new(compiler, new CompileCacheOptions { Directory = CacheDir, MaxDiskBytes = maxDisk }, timeProvider: _time);

    private static ValueTask<CompileResult> Get(CompileCache cache, string path, string source, FileMetadata? meta = null, string? name = null, CompileOptions? options = null) =>
        cache.GetOrCompileAsync(path, Encoding.UTF8.GetBytes(source), meta ?? Meta, name ?? Path.GetFileName(path), options ?? CompileOptions.Default, CancellationToken.None);

    private string[] Entries() => [.. Directory.GetFiles(CacheDir, "*.mpyc")];

    [Fact]
    public async Task MissThenMemoryHit()
    {
        var compiler = new CountingCompiler();
        using var cache = NewCache(compiler);
        var first = await Get(cache, "/src/a.py", "x = 1");
        var second = await Get(cache, "/src/a.py", "x = 1");
        Assert.Equal(compiler.Expected("x = 1", "a.py"), first.Mpy);
        Assert.Equal(first.Mpy, second.Mpy);
        Assert.Equal(1, compiler.Calls);
        Assert.Equal(new CompileCacheStatistics(1, 0, 1, 0, 0, cache.Statistics.DiskBytes), cache.Statistics);
        Assert.Single(Entries());
    }

    [Fact]
    public async Task DiskHitInANewProcess()
    {
        var compiler = new CountingCompiler();
        using (var cache = NewCache(compiler))
            await Get(cache, "/src/a.py", "x = 1");
        using var again = NewCache(compiler);
        var result = await Get(again, "/src/a.py", "x = 1");
        Assert.Equal(compiler.Expected("x = 1", "a.py"), result.Mpy);
        Assert.Equal(1, compiler.Calls);
        Assert.Equal(1, again.Statistics.DiskHits);
        Assert.Equal(0, again.Statistics.Misses);
        // Now in memory too.
        await Get(again, "/src/a.py", "x = 1");
        Assert.Equal(1, again.Statistics.MemoryHits);
    }

    [Fact]
    public async Task SameSizeAndMtimeButNewContentIsRebuilt()
    {
        var compiler = new CountingCompiler();
        using (var cache = NewCache(compiler))
        {
            await Get(cache, "/src/a.py", "x = 1");
            var edited = await Get(cache, "/src/a.py", "x = 2");
            Assert.Equal(compiler.Expected("x = 2", "a.py"), edited.Mpy);
            Assert.Equal(2, cache.Statistics.Misses);
        }
        using var fresh = NewCache(compiler);
        var third = await Get(fresh, "/src/a.py", "x = 3");
        Assert.Equal(compiler.Expected("x = 3", "a.py"), third.Mpy);
        Assert.Equal(0, fresh.Statistics.DiskHits);
        Assert.Equal(3, compiler.Calls);
    }

    [Fact]
    public async Task EveryKeyPartMatters()
    {
        var compiler = new CountingCompiler();
        using var cache = NewCache(compiler);
        await Get(cache, "/src/a.py", "x = 1");
        await Get(cache, "/src/b.py", "x = 1");
        await Get(cache, "/src/a.py", "x = 1", meta: Meta with { ModifiedTicks = Meta.ModifiedTicks + 1 });
        await Get(cache, "/src/a.py", "x = 1", meta: Meta with { Size = 11 });
        await Get(cache, "/src/a.py", "x = 1", options: new CompileOptions(OptimizationLevel: 3));
        await Get(cache, "/src/a.py", "x = 1", name: "pkg/a.py");
        Assert.Equal(6, compiler.Calls);
        using var otherCompiler = NewCache(new CountingCompiler("counting 2"));
        await Get(otherCompiler, "/src/a.py", "x = 1");
        Assert.Equal(1, otherCompiler.Statistics.Misses);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("flip-payload")]
    [InlineData("flip-magic")]
    [InlineData("empty")]
    public async Task CorruptEntryIsDetectedDeletedAndRebuilt(string damage)
    {
        var compiler = new CountingCompiler();
        using (var cache = NewCache(compiler))
            await Get(cache, "/src/a.py", "x = 1");
        var entry = Assert.Single(Entries());
        var bytes = File.ReadAllBytes(entry);
        switch (damage)
        {
            case "truncate": bytes = bytes[..^3]; break;
            case "flip-payload": bytes[^1] ^= 0xFF; break;
            case "flip-magic": bytes[0] ^= 0xFF; break;
            default: bytes = []; break;
        }
        File.WriteAllBytes(entry, bytes);

        using var again = NewCache(compiler);
        var result = await Get(again, "/src/a.py", "x = 1");
        Assert.Equal(compiler.Expected("x = 1", "a.py"), result.Mpy);
        Assert.Equal(1, again.Statistics.CorruptEntries);
        Assert.Equal(1, again.Statistics.Misses);
        Assert.Equal(2, compiler.Calls);
        // Rewritten whole.
        using var third = NewCache(compiler);
        await Get(third, "/src/a.py", "x = 1");
        Assert.Equal(1, third.Statistics.DiskHits);
    }

    [Fact]
    public async Task LeastRecentlyUsedEntriesAreEvictedBySize()
    {
        var compiler = new CountingCompiler { OutputPadding = 1000 };
        var entrySize = 1000 + 80;
        var limit = (2 * entrySize) + 100;
        using (var cache = NewCache(compiler, limit))
        {
            await Get(cache, "/src/a.py", "a");
            _time.Advance(TimeSpan.FromMinutes(1));
            await Get(cache, "/src/b.py", "b");
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        using (var reader = NewCache(compiler, limit))
        {
            // A disk hit makes a.py the most recently used.
            await Get(reader, "/src/a.py", "a");
            Assert.Equal(1, reader.Statistics.DiskHits);
            _time.Advance(TimeSpan.FromMinutes(1));
            await Get(reader, "/src/c.py", "c");
            Assert.Equal(1, reader.Statistics.Evictions);
            Assert.True(reader.Statistics.DiskBytes <= limit);
        }
        Assert.Equal(2, Entries().Length);
        using var check = NewCache(compiler, limit);
        await Get(check, "/src/a.py", "a");
        await Get(check, "/src/c.py", "c");
        Assert.Equal(2, check.Statistics.DiskHits);
        await Get(check, "/src/b.py", "b");
        Assert.Equal(1, check.Statistics.Misses);
    }

    [Fact]
    public async Task AnEntryLargerThanTheLimitIsNotStored()
    {
        var compiler = new CountingCompiler { OutputPadding = 5000 };
        using var cache = NewCache(compiler, 1000);
        var result = await Get(cache, "/src/big.py", "x");
        Assert.Equal(5000, result.Mpy!.Length);
        Assert.Empty(Entries());
    }

    [Fact]
    public async Task FailuresAreRememberedInMemoryOnly()
    {
        var compiler = new CountingCompiler();
        using var cache = NewCache(compiler);
        var failed = await Get(cache, "/src/bad.py", "fail here");
        Assert.False(failed.Success);
        Assert.Equal("bad.py:1: SyntaxError: invalid syntax", Assert.Single(failed.Diagnostics).ToString());
        await Get(cache, "/src/bad.py", "fail here");
        Assert.Equal(1, compiler.Calls);
        Assert.Empty(Entries());
    }

    [Fact]
    public async Task DirectoryAndEntriesArePrivate()
    {
        if (OperatingSystem.IsWindows())
            return;
        var nested = Path.Join(_root, "xdg", "mpyd", "mpy");
        using var cache = new CompileCache(new CountingCompiler(), new CompileCacheOptions { Directory = nested }, timeProvider: _time);
        Assert.Equal(nested, cache.Directory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(nested));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Join(_root, "xdg", "mpyd")));
        await Get(cache, "/src/a.py", "x = 1");
        var entry = Assert.Single(Directory.GetFiles(nested));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(entry));
    }

    [Fact]
    public async Task MemoryOnlyWritesNothing()
    {
        var compiler = new CountingCompiler();
        using var cache = new CompileCache(compiler, new CompileCacheOptions { UseDisk = false });
        Assert.Null(cache.Directory);
        await Get(cache, "/src/a.py", "x = 1");
        await Get(cache, "/src/a.py", "x = 1");
        Assert.Equal(1, cache.Statistics.MemoryHits);
        Assert.Equal(0, cache.Statistics.DiskBytes);
    }

    [Fact]
    public void DefaultDirectoryFollowsXdg()
    {
        if (OperatingSystem.IsWindows())
            return;
        Assert.Equal("/x/cache/mpyd/mpy", CompileCacheOptions.DefaultDirectory(v => v == "XDG_CACHE_HOME" ? "/x/cache" : "/home/u"));
        Assert.Equal("/home/u/.cache/mpyd/mpy", CompileCacheOptions.DefaultDirectory(v => v == "HOME" ? "/home/u" : null));
        Assert.Equal("/home/u/.cache/mpyd/mpy", CompileCacheOptions.DefaultDirectory(v => v == "HOME" ? "/home/u" : "relative"));
    }

    [Fact]
    public void InvalidLimitsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CompileCache(new CountingCompiler(), new CompileCacheOptions { Directory = CacheDir, MaxDiskBytes = 0 }));
    }
}
