using Mpyd.Compiler;
using Mpyd.Compiler.Cache;
using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.Board;

namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// One conformance scenario: host files to start with and board code to run. <see cref="RunAsync"/>
/// runs it on a fresh board of the given kind through the same host code.
/// </summary>
public sealed class Scenario
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly List<string> _directories = [];

    public Scenario(string code) => Code = code;

    public string Code { get; }

    public int ReadAhead { get; init; } = BoardProgram.DefaultReadAhead;

    /// <summary>
    /// Code run before <see cref="Code"/> whose requests are not recorded. `import os` goes here: the
    /// VM's port freezes an `os` package, loaded when the board program is sent, while the simulated
    /// board models a board whose `os` is built in (an import probes the mount first).
    /// </summary>
    public string? Prelude { get; init; }

    /// <summary>Serve imports of .py as .mpy compiled on the host (mpyd's AutoMpyInterceptor, a fresh cache).</summary>
    public bool AutoMpy { get; init; }

    public Scenario WithFile(string relativePath, string content)
    {
        _files[relativePath] = content;
        return this;
    }

    public Scenario WithDirectory(string relativePath)
    {
        _directories.Add(relativePath);
        return this;
    }

    public async Task<ScenarioResult> RunAsync(BoardKind kind)
    {
        var dir = Directory.CreateTempSubdirectory("mpyd-conformance-").FullName;
        try
        {
            foreach (var d in _directories)
                Directory.CreateDirectory(Path.Combine(dir, d));
            foreach (var (path, content) in _files)
            {
                var full = Path.Combine(dir, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }
            using var cache = AutoMpy
                ? new CompileCache(new NativeMpyCompiler(), new CompileCacheOptions { Directory = Path.Combine(dir, ".cache"), UseDisk = false })
                : null;
            var autoMpy = cache is null ? null : new AutoMpyInterceptor(new AutoMpyOptions { Enabled = true }, cache);
            await using var board = ConformanceBoard.Start(kind);
            using var deadline = new CancellationTokenSource(s_hangGuard);
            try
            {
                await using var host = await MountedHost.ConnectAsync(board.DevicePath, dir, ReadAhead, deadline.Token, autoMpy);
                if (Prelude is not null)
                    (await host.ExecAsync(Prelude, deadline.Token)).ThrowIfFailed($"{kind} board, prelude");
                host.ClearRequests();
                var result = await host.ExecAsync(Code, deadline.Token);
                var requests = host.Requests;
                return new ScenarioResult(kind, result.StdoutText, result.Stderr, requests, ScenarioResult.Snapshot(dir));
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"scenario on the {kind} board did not finish within {s_hangGuard}; {board.Diagnostics}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs on the VM board, then on the simulated board.</summary>
    public async Task<(ScenarioResult Vm, ScenarioResult Sim)> RunOnBothAsync() =>
        (await RunAsync(BoardKind.Vm), await RunAsync(BoardKind.Sim));
}
