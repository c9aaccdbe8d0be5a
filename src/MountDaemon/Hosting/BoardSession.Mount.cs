using System.Globalization;
using Microsoft.Extensions.Logging;
using Mpyd.Compiler;
using Mpyd.MountDaemon.Cli;
using Mpyd.Compiler.Cache;
using Mpyd.Compiler.Mpy;
using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.Device;

namespace Mpyd.MountDaemon.Hosting;

// The mount: injecting our board program, serving DIR, and mounting again after a soft reboot.
internal sealed partial class BoardSession
{
    private readonly SoftRebootDetector _rebootDetector = new();
    private ActiveMount? _mount;
    private volatile bool _remountNeeded;
    private volatile bool _rebootCameBackRaw;
    private ITimer? _rebootWarning;

    private sealed record ActiveMount(MountStep Step, FileServer Server, CompileCache? Cache);

    public bool IsMounted => _mount is not null;

    /// <summary>Mounts <paramref name="step"/>'s directory at /remote and makes it the board's current directory.</summary>
    /// <exception cref="MountDirectoryException">DIR is missing or not a directory.</exception>
    public async Task MountAsync(MountStep step, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(step.Directory))
            throw new MountDirectoryException(File.Exists(step.Directory)
                ? $"mount: '{step.Directory}' is a file, not a directory"
                : $"mount: directory '{step.Directory}' does not exist");
        if (_mount is not null)
            await UnmountAsync(cancellationToken).ConfigureAwait(false);

        await EnsureRawReplAsync(cancellationToken).ConfigureAwait(false);
        var mpyValue = await QueryMpyValueAsync(cancellationToken).ConfigureAwait(false);
        var (autoMpy, cache, autoMpyNote) = DecideAutoMpy(step, mpyValue);

        var interceptor = cache is null ? null : new AutoMpyInterceptor(autoMpy, cache, _loggers.CreateLogger<AutoMpyInterceptor>());
        if (interceptor is not null)
            interceptor.CompileFailed += (_, e) =>
                _console.Notice($"mpyd: {e.SourceName} does not compile, serving the source: " + string.Join("; ", e.Diagnostics));
        var server = new FileServer(new MountRoot(step.Directory, step.UnsafeLinks), interceptor, _loggers.CreateLogger<FileServer>());
        server.PartialFileKept += (_, e) =>
            _console.Notice($"mpyd: {e.Reason}: '{e.TargetPath}' was left unchanged; the board's partial data is in '{e.PartialPath}'");
        _mount = new ActiveMount(step, server, cache);
        _connection.MountHandler = server;
        await InjectAndMountAsync(cancellationToken).ConfigureAwait(false);

        _console.Notice($"Local directory {step.Directory} is mounted at {BoardProgram.MountPoint}");
        if (autoMpyNote is not null)
            _console.Notice(autoMpyNote);
    }

    /// <summary>Unmounts /remote on the board (if the board still has it) and commits files the board left open.</summary>
    public async Task UnmountAsync(CancellationToken cancellationToken)
    {
        var mount = _mount;
        if (mount is null)
            return;
        try
        {
            await DrainPendingRebootAsync(cancellationToken).ConfigureAwait(false);
            if (!_remountNeeded)
            {
                await EnsureRawReplAsync(cancellationToken).ConfigureAwait(false);
                // The result is not checked: the mount may already be gone (a reboot nobody saw).
                await _repl.ExecAsync(BoardProgram.UnmountCall, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _connection.MountHandler = null;
            _mount = null;
            _remountNeeded = false;
            await mount.Server.CommitOpenFilesAsync(CancellationToken.None).ConfigureAwait(false);
            await mount.Server.DisposeAsync().ConfigureAwait(false);
            mount.Cache?.Dispose();
        }
    }

    /// <summary>After a fault (disconnect, timeout): files being written stay untouched, partial data kept beside them.</summary>
    public async Task AbandonMountAsync(string reason)
    {
        var mount = _mount;
        if (mount is null)
            return;
        _connection.MountHandler = null;
        _mount = null;
        await mount.Server.AbandonOpenFilesAsync(reason, CancellationToken.None).ConfigureAwait(false);
        await mount.Server.DisposeAsync().ConfigureAwait(false);
        mount.Cache?.Dispose();
    }

    private async Task InjectAndMountAsync(CancellationToken cancellationToken)
    {
        await ExecHelperAsync(BoardProgram.WireText, "sending the board program", cancellationToken).ConfigureAwait(false);
        await ExecHelperAsync(BoardProgram.MountCall(_settings.ReadAhead, _settings.BoardTimeoutMs), "mounting /remote", cancellationToken)
            .ConfigureAwait(false);
        _rebootDetector.Reset();
    }

    private async Task<int> QueryMpyValueAsync(CancellationToken cancellationToken)
    {
        var text = await ExecHelperAsync("import sys\nprint(getattr(sys.implementation, '_mpy', 0))", "reading sys.implementation._mpy",
            cancellationToken).ConfigureAwait(false);
        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }

    private (AutoMpyOptions Options, CompileCache? Cache, string? Note) DecideAutoMpy(MountStep step, int mpyValue)
    {
        if (!step.AutoMpy)
            return (AutoMpyOptions.Disabled, null, null);
        var version = mpyValue & 0xFF;
        if (mpyValue == 0)
            return (AutoMpyOptions.Disabled, null, "auto-mpy: off, the board cannot load .mpy files (no sys.implementation._mpy); serving .py sources");
        if (version != CompilerProvider.MpyVersion)
            return (AutoMpyOptions.Disabled, null,
                $"auto-mpy: off, the board loads .mpy version {version} and mpyd compiles version {CompilerProvider.MpyVersion}; serving .py sources");
        var compiler = _compilers.Get();
        if (compiler is null)
            return (AutoMpyOptions.Disabled, null, "auto-mpy: off, no compiler available (set MPYD_MPY_CROSS to an mpy-cross v1.28 binary); serving .py sources");
        var cacheOptions = new CompileCacheOptions { MaxDiskBytes = _settings.CacheSizeBytes };
        if (_settings.CacheDirectory is not null)
            cacheOptions.Directory = _settings.CacheDirectory;
        var cache = new CompileCache(compiler, cacheOptions, _loggers.CreateLogger<CompileCache>(),
            nativeCodeCompiler: _compilers.GetNativeCodeCompiler());
        // The board's architecture lets mpy-cross compile @micropython.native/viper code for it (bytecode is unchanged).
        var compileOptions = CompileOptions.Default with { Architecture = MpyArchitecture.FromSysImplementationMpy(mpyValue) };
        var options = new AutoMpyOptions { Enabled = true, CompileOptions = compileOptions, WriteMpy = step.WriteMpy };
        var nativeCode = cache.NativeCodeCompiler is { } n && compileOptions.Architecture is not null
            ? $" (native code by {n.Identity}, -march={compileOptions.Architecture})"
            : "";
        return (options, cache, $"auto-mpy: on, imports of .py are compiled on the host by {compiler.Identity}{nativeCode}");
    }

    /// <summary>Runs one of our own snippets; a board error is a failure of mpyd's, not the user's.</summary>
    private async Task<string> ExecHelperAsync(string code, string what, CancellationToken cancellationToken)
    {
        var result = await _repl.ExecAsync(code, cancellationToken).ConfigureAwait(false);
        if (result.Failed)
            throw new RemoteExecException($"{_connection.Name} while {what}", result.Stdout, result.Stderr);
        return result.StdoutText;
    }

    private void OnConsoleRead(ReadOnlySpan<byte> data)
    {
        if (_mount is null)
            return;
        var seen = _rebootDetector.Feed(data);
        if (seen == SoftRebootDetector.Event.RebootStarted)
            WarnIfNoPromptSoon();
        if (seen == SoftRebootDetector.Event.RebootCompleted)
        {
            _rebootCameBackRaw = _rebootDetector.CameBackRaw;
            _remountNeeded = true;
        }
    }

    // A main.py that never returns keeps the board from its prompt, so the mount cannot come back yet.
    private void WarnIfNoPromptSoon()
    {
        _rebootWarning?.Dispose();
        _rebootWarning = TimeProvider.System.CreateTimer(_ =>
        {
            if (_mount is not null && _rebootDetector.Current == SoftRebootDetector.State.Rebooting)
                _console.Notice($"mpyd: the board rebooted but is not back at a prompt after {_settings.RemountWaitMs / 1000.0:0.#} s "
                    + $"(main.py still running?); {BoardProgram.MountPoint} comes back at the next prompt: press Ctrl-C to stop main.py");
        }, null, TimeSpan.FromMilliseconds(_settings.RemountWaitMs), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Before an action while mounted: read what the board printed meanwhile (a reboot?) and mount again if needed.</summary>
    private async Task EnsureMountAliveAsync(CancellationToken cancellationToken)
    {
        if (_mount is null)
            return;
        await DrainPendingRebootAsync(cancellationToken).ConfigureAwait(false);
        if (_remountNeeded)
            await RemountAfterRebootAsync(cancellationToken).ConfigureAwait(false);
    }

    // In the raw REPL a harmless submission makes the client read everything up to the next
    // prompt, so a reboot that happened at the end of the previous command is seen now.
    private async Task DrainPendingRebootAsync(CancellationToken cancellationToken)
    {
        if (_repl.IsInRawRepl && !_remountNeeded)
            await _repl.ExecAsync("pass", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The board rebooted and forgot the mount: commit what it was writing, inject the program again, mount again.</summary>
    internal async Task RemountAfterRebootAsync(CancellationToken cancellationToken, bool announce = true)
    {
        var mount = _mount;
        if (mount is null)
            return;
        _remountNeeded = false;
        await mount.Server.CommitOpenFilesAsync(cancellationToken).ConfigureAwait(false);
        await EnsureRawReplAsync(cancellationToken).ConfigureAwait(false);
        await InjectAndMountAsync(cancellationToken).ConfigureAwait(false);
        if (announce)
            AnnounceRemount();
    }

    private void AnnounceRemount()
    {
        if (_mount is { } mount)
            _console.Notice($"mpyd: the board rebooted; {mount.Step.Directory} is mounted at {BoardProgram.MountPoint} again");
    }
}
