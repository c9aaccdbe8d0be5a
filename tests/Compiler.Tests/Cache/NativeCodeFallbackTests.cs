using System.Text;
using Mpyd.Tests.Shared;
using Mpyd.Compiler.Cache;
using Mpyd.Compiler.External;
using Mpyd.Compiler.Mpy;

namespace Mpyd.Compiler.Tests.Cache;

/// <summary>
/// Sources with @micropython.native/viper/asm: the native compiler's diagnostic, and the cache handing them to an
/// external mpy-cross (a real process: a shell script standing in for it, written once per test class).
/// </summary>
public sealed class NativeCodeFallbackTests : IDisposable
{
    private const string NativeSource = "import micropython\n\n@micropython.native\ndef fast(x):\n    return x + 1\n";

    private static readonly FileMetadata Meta = new(NativeSource.Length, 638_000_000_000_000_000);

    private static readonly CompileOptions Armv7emsp = CompileOptions.Default with { Architecture = "armv7emsp" };

    private readonly FakeMpyCross _mpyCross = new();

    public void Dispose() => _mpyCross.Dispose();

    private string CacheDir => Path.Join(_mpyCross.Directory, "cache");

    private string[] Calls() => _mpyCross.Calls();

    private CompileCache NewCache(IMpyCompiler? nativeCode) =>
        new(new NativeMpyCompiler(), new CompileCacheOptions { Directory = CacheDir }, nativeCodeCompiler: nativeCode);

    private static ValueTask<CompileResult> Get(CompileCache cache, string source, CompileOptions options) =>
        cache.GetOrCompileAsync("/src/fast.py", Encoding.UTF8.GetBytes(source), Meta, "fast.py", options, CancellationToken.None);

    [Theory]
    [InlineData("native")]
    [InlineData("viper")]
    [InlineData("asm_thumb")]
    public void The_native_compiler_names_the_function_and_flags_the_result(string emitter)
    {
        var source = $"import micropython\n\n@micropython.{emitter}\ndef f(x):\n    return x\n";

        var result = new NativeMpyCompiler().Compile(Encoding.UTF8.GetBytes(source), "m.py", CompileOptions.Default);

        Assert.False(result.Success);
        Assert.True(result.NeedsNativeEmitter);
        Assert.Equal("m.py:3: SyntaxError: invalid arch", result.Diagnostics[0].ToString());
        Assert.Contains($"'f' is decorated with @micropython.{emitter}", result.Diagnostics[1].Message);
    }

    [Fact]
    public void Other_errors_and_plain_decorators_are_not_native_code()
    {
        var compiler = new NativeMpyCompiler();

        var broken = compiler.Compile("def f(:\n    pass\n"u8, "m.py", CompileOptions.Default);
        var bytecode = compiler.Compile("import micropython\n@micropython.bytecode\ndef f():\n    pass\n"u8, "m.py", CompileOptions.Default);

        Assert.False(broken.NeedsNativeEmitter);
        Assert.True(bytecode.Success);
        Assert.False(bytecode.NeedsNativeEmitter);
    }

    [Fact]
    public async Task Native_code_is_compiled_by_the_external_mpy_cross_with_the_architecture()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var external = ExternalMpyCross.TryFind(_mpyCross.Path)!;
        using var cache = NewCache(external);

        var result = await Get(cache, NativeSource, Armv7emsp);

        Assert.True(result.Success);
        Assert.True(result.NeedsNativeEmitter);
        Assert.Equal([(byte)'M', 6, 0x1F, 0x1F, .. Encoding.UTF8.GetBytes(NativeSource)], result.Mpy);
        var call = Assert.Single(Calls());
        Assert.Contains("-march=armv7emsp", call);
    }

    [Fact]
    public async Task The_external_result_is_cached_under_the_external_compilers_identity()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var external = ExternalMpyCross.TryFind(_mpyCross.Path)!;
        byte[]? first;
        using (var cache = NewCache(external))
        {
            first = (await Get(cache, NativeSource, Armv7emsp)).Mpy;
            Assert.Equal(first, (await Get(cache, NativeSource, Armv7emsp)).Mpy);
        }
        // A new process: the native compiler rejects the source again (cheaply), the external entry comes from disk.
        using var again = NewCache(external);
        var second = await Get(again, NativeSource, Armv7emsp);
        Assert.Equal(first, second.Mpy);
        Assert.Equal(1, again.Statistics.DiskHits);
        Assert.Single(Calls());

        // Another mpy-cross (another identity) does not take the first one's entry.
        using var other = new ExternalMpyCross(external.ExecutablePath, FakeMpyCross.Version + " other");
        using var otherCache = NewCache(other);
        Assert.True((await Get(otherCache, NativeSource, Armv7emsp)).Success);
        Assert.Equal(2, Calls().Length);
    }

    [Fact]
    public async Task Bytecode_sources_never_reach_the_external_compiler()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var external = ExternalMpyCross.TryFind(_mpyCross.Path)!;
        using var cache = NewCache(external);

        var result = await Get(cache, "def slow(x):\n    return x + 1\n", Armv7emsp);

        Assert.True(result.Success);
        Assert.False(result.NeedsNativeEmitter);
        Assert.Equal(new NativeMpyCompiler().Compile("def slow(x):\n    return x + 1\n"u8, "fast.py", CompileOptions.Default).Mpy, result.Mpy);
        Assert.Empty(Calls());
    }

    [Fact]
    public async Task Without_an_external_compiler_the_failure_says_why()
    {
        using var cache = NewCache(null);

        var result = await Get(cache, NativeSource, Armv7emsp);

        Assert.False(result.Success);
        Assert.True(result.NeedsNativeEmitter);
        Assert.Equal("fast.py:3: Note: no external mpy-cross is available to compile native code", result.Diagnostics[^1].ToString());
    }

    [Fact]
    public async Task Without_an_architecture_the_external_compiler_is_not_run()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var external = ExternalMpyCross.TryFind(_mpyCross.Path)!;
        using var cache = NewCache(external);

        var result = await Get(cache, NativeSource, CompileOptions.Default);

        Assert.False(result.Success);
        Assert.Contains("no native architecture", result.Diagnostics[^1].Message);
        Assert.Empty(Calls());
    }

    [Theory]
    [InlineData(6 | (3 << 8), null)]
    [InlineData(6 | (3 << 8) | (2 << 10), "x64")]
    [InlineData(6 | (3 << 8) | (7 << 10), "armv7emsp")]
    [InlineData(6 | (3 << 8) | (10 << 10), "xtensawin")]
    [InlineData(6 | (3 << 8) | (12 << 10), "rv64imc")]
    [InlineData(6 | (3 << 8) | (15 << 10), null)]
    public void A_boards_mpy_value_names_its_architecture(int mpyValue, string? expected) =>
        Assert.Equal(expected, MpyArchitecture.FromSysImplementationMpy(mpyValue));
}
