using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mpyd.Compiler.Tests.Differential;

/// <summary>
/// Runs node scripts for the differential tests: finds tests/compiler-node and tests/vm-board in the
/// source tree, installs their npm packages once when missing (a real <c>npm install</c>), and runs
/// node with a deadline.
/// </summary>
internal static class NodeTools
{
    private static readonly ConcurrentDictionary<string, Lazy<string?>> Installs = new();

    /// <summary>tests/compiler-node: our node scripts and the pinned mpy-cross v1.19 package.</summary>
    public static string CompilerNodeDirectory { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", "compiler-node"));

    /// <summary>tests/vm-board: the MicroPython VM package (owned by the VM board tests).</summary>
    public static string VmBoardDirectory { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", "..", "vm-board"));

    /// <summary>The Differential folder in the source tree (test sources live here).</summary>
    public static string SourceDirectory { get; } = ThisDirectory();

    private static string NodeExecutable => Environment.GetEnvironmentVariable("MPYD_NODE") is { Length: > 0 } node ? node : "node";

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>
    /// Makes sure <paramref name="packageDirectory"/>/node_modules has <paramref name="probeFile"/> (a path
    /// inside node_modules); runs <c>npm install</c> there once per test run if it does not.
    /// </summary>
    /// <exception cref="InvalidOperationException">npm is missing or the install failed.</exception>
    public static void EnsureInstalled(string packageDirectory, string probeFile)
    {
        var error = Installs.GetOrAdd(packageDirectory, dir => new Lazy<string?>(() => Install(dir, probeFile))).Value;
        if (error is not null)
            throw new InvalidOperationException(error);
    }

    private static string? Install(string dir, string probeFile)
    {
        var probe = Path.Combine(dir, "node_modules", probeFile);
        if (File.Exists(probe))
            return null;
        var command = $"npm install --prefix {dir} --no-audit --no-fund";
        ProcessOutput result;
        try
        {
            result = Run("npm", ["install", "--prefix", dir, "--no-audit", "--no-fund"], dir, TimeSpan.FromMinutes(3));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return $"`{command}` could not run ({ex.Message}); install Node.js 20+ with npm, or run it by hand";
        }
        if (result.ExitCode != 0 || !File.Exists(probe))
            return $"`{command}` failed (exit {result.ExitCode}, {probe} {(File.Exists(probe) ? "present" : "missing")}):\n{result.StandardError}{result.StandardOutput}";
        return null;
    }

    /// <summary>Runs a script from tests/compiler-node with node.</summary>
    public static ProcessOutput RunScript(string script, IEnumerable<string> arguments, TimeSpan deadline)
    {
        var args = new List<string> { Path.Combine(CompilerNodeDirectory, script) };
        args.AddRange(arguments);
        try
        {
            return Run(NodeExecutable, args, CompilerNodeDirectory, deadline);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot run node ({ex.Message}); install Node.js 20+ or set MPYD_NODE", ex);
        }
    }

    private static ProcessOutput Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan deadline)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            process.WaitForExitAsync(cts.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {deadline}");
        }
        return new ProcessOutput(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
