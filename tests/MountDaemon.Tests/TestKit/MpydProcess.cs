using System.Diagnostics;

namespace Mpyd.MountDaemon.Tests.TestKit;

/// <summary>Runs the real mpyd executable (the build output next to the tests) as a user would.</summary>
internal static class MpydProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "mpyd.dll");

    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        // Private cache per run: tests never share or pollute the user's cache.
        info.Environment["MPYD_CACHEDIRECTORY"] = Path.Combine(Path.GetTempPath(), "mpyd-test-cache-" + Environment.ProcessId);
        // No config of the machine's user (mpyd's config.json, mpremote's config.py) leaks into a test.
        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "mpyd-test-config-" + Environment.ProcessId);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        using var process = Start(args, environment, workingDirectory);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mpyd {string.Join(' ', args)} did not exit in time (a hang). stderr so far: {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
