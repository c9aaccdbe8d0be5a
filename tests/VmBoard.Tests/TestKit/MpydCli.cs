using System.Diagnostics;

namespace Mpyd.VmBoard.Tests.TestKit;

/// <summary>What one run of the mpyd CLI produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real mpyd CLI (mpyd.dll, copied next to the tests) as a separate process.</summary>
public static class MpydCli
{
    /// <summary>Runs mpyd; on cancellation kills it and throws TimeoutException with what it printed and <paramref name="diagnostics"/>.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, Func<string> diagnostics, CancellationToken cancellationToken)
    {
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mpyd.dll"));
        foreach (var a in args)
            info.ArgumentList.Add(a);
        // A cache of our own, so runs never share compiled files with the user's.
        info.Environment["XDG_CACHE_HOME"] = Path.Combine(Path.GetTempPath(), "mpyd-vm-tests-cache");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("mpyd did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            var where = KernelWaits(process.Id);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"mpyd {string.Join(' ', info.ArgumentList.Skip(1))} did not finish\nstdout:\n{await stdout}\nstderr:\n{await stderr}\nboard: {diagnostics()}\nmpyd threads blocked in: {where}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    // Linux: the kernel function each thread of a hung process waits in (e.g. futex, tty), as a hint.
    private static string KernelWaits(int pid)
    {
        try
        {
            var waits = Directory.GetDirectories($"/proc/{pid}/task")
                .Select(t => $"{File.ReadAllText(Path.Combine(t, "comm")).Trim()}:{File.ReadAllText(Path.Combine(t, "wchan")).Trim()}")
                .GroupBy(w => w)
                .Select(g => g.Count() > 1 ? $"{g.Key} x{g.Count()}" : g.Key);
            return string.Join(", ", waits);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "(not available)";
        }
    }
}
