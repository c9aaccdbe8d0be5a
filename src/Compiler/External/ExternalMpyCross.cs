using System.Diagnostics;
using System.Globalization;

namespace Mpyd.Compiler.External;

/// <summary>
/// Compiles by running an installed mpy-cross on files in a private temp directory
/// (<c>mpy-cross -o OUT -s NAME -O&lt;n&gt; [-march=ARCH] -msmall-int-bits=N IN</c>).
/// Identity is what <c>mpy-cross --version</c> prints, so cache entries follow the installed version.
/// </summary>
public sealed class ExternalMpyCross : IMpyCompiler, IDisposable
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _timeout;
    private readonly Lazy<string> _workDirectory = new(
        () => Directory.CreateTempSubdirectory("mpyd-mpy-cross-").FullName, LazyThreadSafetyMode.ExecutionAndPublication);
    private int _counter;

    /// <param name="executablePath">Full path of mpy-cross.</param>
    /// <param name="identity">Its --version text.</param>
    /// <param name="timeout">Deadline per compile (default 30 s); the process is killed after it.</param>
    public ExternalMpyCross(string executablePath, string identity, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(executablePath);
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ExecutablePath = executablePath;
        Identity = identity;
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public string ExecutablePath { get; }

    public string Identity { get; }

    /// <summary>
    /// The configured mpy-cross, or the first "mpy-cross" on PATH when none is configured;
    /// null when it is missing or its --version fails.
    /// </summary>
    public static ExternalMpyCross? TryFind(string? configuredPath, TimeSpan? timeout = null)
    {
        var path = configuredPath is not null
            ? (File.Exists(configuredPath) ? Path.GetFullPath(configuredPath) : null)
            : SearchPath();
        if (path is null)
            return null;
        var identity = TryGetVersion(path);
        return identity is null ? null : new ExternalMpyCross(path, identity, timeout);
    }

    public async ValueTask<CompileResult> CompileAsync(ReadOnlyMemory<byte> source, string sourceName, CompileOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(options);
        var job = Path.Join(_workDirectory.Value, Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(job);
        try
        {
            var baseName = Path.GetFileName(sourceName.Replace('\\', '/'));
            var input = Path.Join(job, baseName.Length > 0 ? baseName : "source.py");
            var output = Path.Join(job, "out.mpy");
            await File.WriteAllBytesAsync(input, source, cancellationToken).ConfigureAwait(false);

            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = job,
            };
            foreach (var argument in Arguments(output, sourceName, options, input))
                start.ArgumentList.Add(argument);

            int exitCode;
            string stderr;
            try
            {
                (exitCode, _, stderr) = await RunAsync(start, _timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or System.ComponentModel.Win32Exception)
            {
                return CompileResult.Failed(new CompileDiagnostic(sourceName, 0, "Error", ex.Message));
            }
            if (exitCode == 0 && File.Exists(output))
                return new CompileResult(await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false), []);
            var diagnostics = MpyCrossOutputParser.Parse(stderr, input, sourceName);
            return diagnostics.Count > 0
                ? new CompileResult(null, diagnostics)
                : CompileResult.Failed(new CompileDiagnostic(sourceName, 0, "Error", $"mpy-cross exited with code {exitCode}"));
        }
        finally
        {
            TryDeleteDirectory(job);
        }
    }

    /// <summary>The command line for one compile (without the executable).</summary>
    public static IReadOnlyList<string> Arguments(string output, string sourceName, CompileOptions options, string input)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = new List<string> { "-o", output, "-s", sourceName, $"-O{options.OptimizationLevel}" };
        if (options.Architecture is not null)
            args.Add($"-march={options.Architecture}");
        args.Add($"-msmall-int-bits={options.SmallIntBits}");
        args.Add(input);
        return args;
    }

    public void Dispose()
    {
        if (_workDirectory.IsValueCreated)
            TryDeleteDirectory(_workDirectory.Value);
    }

    private static string? SearchPath()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "mpy-cross.exe", "mpy-cross" } : ["mpy-cross"];
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Join(dir, name);
                if (File.Exists(candidate))
                    return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    private static string? TryGetVersion(string path)
    {
        var start = new ProcessStartInfo(path, "--version")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            var (exitCode, stdout, _) = RunAsync(start, VersionTimeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var version = stdout.Trim();
            return exitCode == 0 && version.Length > 0 ? version : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or TimeoutException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async ValueTask<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var process = await StartAsync(start, cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new TimeoutException($"{start.FileName} did not finish within {timeout.TotalSeconds:0} s");
        }
    }

    // ETXTBSY: the executable was just written and another thread's fork still holds it open for
    // writing until that child execs (a freshly installed mpy-cross, or a test's script). It clears in milliseconds.
    private const int TextFileBusy = 26;

    private static async ValueTask<Process> StartAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Process.Start(start) ?? throw new IOException($"could not start {start.FileName}");
            }
            catch (System.ComponentModel.Win32Exception ex) when (ex.NativeErrorCode == TextFileBusy && !OperatingSystem.IsWindows() && attempt < 20)
            {
                await Task.Delay(25 * attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Temp leftovers are harmless.
        }
    }
}
