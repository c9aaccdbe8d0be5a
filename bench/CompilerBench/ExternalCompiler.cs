using System.Diagnostics;

namespace Mpyd.Bench.Compiler;

/// <summary>
/// Runs an external mpy-cross once per file, as auto-mpy would without the in-process compiler.
/// <paramref name="prefixArgs"/> come before mpy-cross's own (node's script path for the WebAssembly build).
/// </summary>
internal sealed class ExternalCompiler(string path, string outDir, IReadOnlyList<string>? prefixArgs = null)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public string Path { get; } = path;

    /// <summary>Compiles one file; returns the output bytes, or null when the compiler rejected it.</summary>
    public async Task<byte[]?> CompileAsync(string file, IReadOnlyList<string> extraArgs)
    {
        string output = System.IO.Path.Combine(outDir, "out.mpy");
        File.Delete(output);
        var psi = new ProcessStartInfo(Path)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (prefixArgs ?? []).Concat(extraArgs))
        {
            psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add("-o");
        psi.ArgumentList.Add(output);
        psi.ArgumentList.Add(file);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {Path}");
        using var cts = new CancellationTokenSource(Deadline);
        var stderr = p.StandardError.ReadToEndAsync(cts.Token);
        await p.WaitForExitAsync(cts.Token);
        await stderr;
        return p.ExitCode == 0 && File.Exists(output) ? await File.ReadAllBytesAsync(output, cts.Token) : null;
    }

    /// <summary>Wall time of one process per file over <paramref name="files"/>.</summary>
    public async Task<TimeSpan> CompileAllAsync(IReadOnlyList<string> files)
    {
        var sw = Stopwatch.StartNew();
        foreach (var f in files)
        {
            await CompileAsync(f, []);
        }
        return sw.Elapsed;
    }
}
