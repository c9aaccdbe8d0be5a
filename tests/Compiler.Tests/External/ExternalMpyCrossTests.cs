using System.Text;
using Mpyd.Compiler.External;

namespace Mpyd.Compiler.Tests.External;

/// <summary>Runs a real process: a shell script standing in for mpy-cross, written per test.</summary>
public sealed class ExternalMpyCrossTests : IDisposable
{
    private const string Version = "MicroPython v1.28.0 on 2026-01-01; mpy-cross emitting mpy v6.3";

    // Writes the header, then "NAME|ARGS" (every argument except -o OUT, -s NAME and the input).
    private const string FakeScript = """
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo "VERSION"; exit 0; fi
        for input; do :; done
        out=""; name=""; args=""
        while [ $# -gt 1 ]; do
          case "$1" in
            -o) out="$2"; shift 2;;
            -s) name="$2"; shift 2;;
            *) args="$args $1"; shift;;
          esac
        done
        if grep -q '!!' "$input"; then
          printf 'Traceback (most recent call last):\n  File "%s", line 2\nSyntaxError: invalid syntax\n' "$input" >&2
          exit 1
        fi
        printf 'M\006\000\037' > "$out"
        printf '%s|%s|' "$name" "$args" >> "$out"
        cat "$input" >> "$out"
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("mpyd-fake-mpy-cross-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteScript(string name, string body)
    {
        var path = Path.Join(_dir, name);
        File.WriteAllText(path, body.Replace("VERSION", Version, StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    [Fact]
    public async Task CompilesThroughTheConfiguredExecutable()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var compiler = ExternalMpyCross.TryFind(WriteScript("mpy-cross", FakeScript));
        Assert.NotNull(compiler);
        Assert.Equal(Version, compiler.Identity);

        var result = await compiler.CompileAsync(
            Encoding.UTF8.GetBytes("x = 1\n"), "pkg/mod.py", new CompileOptions(2, "armv6m", 31), CancellationToken.None);

        Assert.True(result.Success);
        Assert.Empty(result.Diagnostics);
        Assert.Equal([0x4D, 0x06, 0x00, 0x1F], result.Mpy![..4]);
        Assert.Equal("pkg/mod.py| -O2 -march=armv6m -msmall-int-bits=31|x = 1\n", Encoding.UTF8.GetString(result.Mpy[4..]));
    }

    [Fact]
    public async Task BytecodeOnlyOmitsMarch()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var compiler = ExternalMpyCross.TryFind(WriteScript("mpy-cross", FakeScript))!;
        var result = await compiler.CompileAsync("y = 2\n"u8.ToArray(), "m.py", CompileOptions.Default, CancellationToken.None);
        Assert.Equal("m.py| -O0 -msmall-int-bits=31|y = 2\n", Encoding.UTF8.GetString(result.Mpy![4..]));
    }

    [Fact]
    public async Task ErrorsBecomeDiagnosticsNamedAfterTheSource()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var compiler = ExternalMpyCross.TryFind(WriteScript("mpy-cross", FakeScript))!;
        var result = await compiler.CompileAsync("x = 1\ny = !!\n"u8.ToArray(), "pkg/mod.py", CompileOptions.Default, CancellationToken.None);
        Assert.False(result.Success);
        Assert.Equal(new CompileDiagnostic("pkg/mod.py", 2, "SyntaxError", "invalid syntax"), Assert.Single(result.Diagnostics));
    }

    [Fact]
    public void FoundOnPath()
    {
        if (OperatingSystem.IsWindows())
            return;
        WriteScript("mpy-cross", FakeScript);
        var saved = Environment.GetEnvironmentVariable("PATH");
        try
        {
            Environment.SetEnvironmentVariable("PATH", _dir + Path.PathSeparator + saved);
            using var compiler = ExternalMpyCross.TryFind(null);
            Assert.NotNull(compiler);
            Assert.Equal(Path.Join(_dir, "mpy-cross"), compiler.ExecutablePath);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", saved);
        }
    }

    [Fact]
    public async Task AnExecutableStillOpenForWritingIsRetriedUntilItIsFree()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = WriteScript("mpy-cross", FakeScript);
        // Holding a write handle makes exec fail with ETXTBSY, as a concurrent fork does for a moment.
        var writer = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        var find = Task.Run(() => ExternalMpyCross.TryFind(path));
        await Task.Delay(150);
        Assert.False(find.IsCompleted);
        await writer.DisposeAsync();
        using var compiler = await find.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(compiler);
        Assert.Equal(Version, compiler.Identity);
    }

    [Fact]
    public void MissingOrBrokenExecutableIsNotFound()
    {
        Assert.Null(ExternalMpyCross.TryFind(Path.Join(_dir, "does-not-exist")));
        if (OperatingSystem.IsWindows())
            return;
        Assert.Null(ExternalMpyCross.TryFind(WriteScript("broken", "#!/bin/sh\nexit 3")));
        Assert.Null(ExternalMpyCross.TryFind(WriteScript("silent", "#!/bin/sh\nexit 0")));
    }

    [Fact]
    public async Task AHangingCompilerIsKilledAtItsDeadline()
    {
        if (OperatingSystem.IsWindows())
            return;
        var script = WriteScript("slow", "#!/bin/sh\nif [ \"$1\" = \"--version\" ]; then echo slow 1; exit 0; fi\nexec sleep 60");
        using var compiler = ExternalMpyCross.TryFind(script, TimeSpan.FromMilliseconds(300))!;
        var result = await compiler.CompileAsync("x = 1\n"u8.ToArray(), "m.py", CompileOptions.Default, CancellationToken.None);
        Assert.False(result.Success);
        Assert.Contains("did not finish", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine()
    {
        Assert.Equal(
            ["-o", "/t/out.mpy", "-s", "a/b.py", "-O3", "-march=xtensawin", "-msmall-int-bits=31", "/t/b.py"],
            ExternalMpyCross.Arguments("/t/out.mpy", "a/b.py", new CompileOptions(3, "xtensawin"), "/t/b.py"));
    }
}
