using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// One connection to one board for the length of a command chain: the raw REPL state, the
/// auto soft reset before the first action, the mount (see BoardSession.Mount.cs) and the
/// REPL passthrough. Every board read goes through the connection, so mount requests are served
/// whatever the session is doing.
/// </summary>
internal sealed partial class BoardSession : IAsyncDisposable
{
    private readonly BoardConnection _connection;
    private readonly RawReplClient _repl;
    private readonly IBoardConsole _console;
    private readonly MountSettings _settings;
    private readonly CompilerProvider _compilers;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private bool _softResetPending = true;
    private BoardFileSystem? _fileSystem;

    public BoardSession(BoardConnection connection, IBoardConsole console, MountSettings settings, CompilerProvider compilers,
        ILoggerFactory? loggers = null)
    {
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<BoardSession>();
        _connection = connection;
        _repl = new RawReplClient(connection) { HelperTimeout = TimeSpan.FromMilliseconds(settings.HelperTimeoutMs) };
        connection.RequestArgumentTimeout = TimeSpan.FromMilliseconds(settings.RequestTimeoutMs);
        _console = console;
        _settings = settings;
        _compilers = compilers;
        _connection.ConsoleRead += OnConsoleRead;
        _connection.RequestServed += OnRequestServed;
        _connection.ProtocolDesync += e => LogDesync(_logger, connection.Name, e.Message);
    }

    public string DeviceName => _connection.Name;

    public BoardConnection Connection => _connection;

    /// <summary>"resume": do not soft-reset before the first action.</summary>
    public void SuppressSoftReset() => _softResetPending = false;

    /// <summary>Enters the raw REPL if needed, soft-resetting the board before the first action (as mpremote does).</summary>
    public async Task EnsureRawReplAsync(CancellationToken cancellationToken)
    {
        if (_repl.IsInRawRepl)
            return;
        await _repl.EnterRawReplAsync(_softResetPending, cancellationToken).ConfigureAwait(false);
        _softResetPending = false;
        if (_mount is not null)
            _rebootDetector.Reset();
    }

    /// <summary>
    /// The raw REPL, entered (with the auto soft reset before the first action) for commands that
    /// drive the board themselves (fs, mip); mount requests keep being served while they run.
    /// </summary>
    public async Task<RawReplClient> PrepareRawReplAsync(CancellationToken cancellationToken)
    {
        await EnsureMountAliveAsync(cancellationToken).ConfigureAwait(false);
        await EnsureRawReplAsync(cancellationToken).ConfigureAwait(false);
        return _repl;
    }

    /// <summary>The board's filesystem for fs and mip, in the raw REPL (one helper per session, re-sent after a reboot).</summary>
    public async Task<IBoardFileSystem> PrepareFileSystemAsync(CancellationToken cancellationToken)
    {
        var repl = await PrepareRawReplAsync(cancellationToken).ConfigureAwait(false);
        return _fileSystem ??= new BoardFileSystem(repl);
    }

    /// <summary>Where the host directory is mounted on the board, or null.</summary>
    public string? MountPoint => IsMounted ? BoardProgram.MountPoint : null;

    public async Task LeaveRawReplAsync(CancellationToken cancellationToken)
    {
        if (!_repl.IsInRawRepl)
            return;
        await _repl.ExitRawReplAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs user code, streaming its output; false when the board raised (the traceback is printed).</summary>
    public async Task<bool> ExecAsync(string code, bool follow, CancellationToken cancellationToken)
    {
        await EnsureMountAliveAsync(cancellationToken).ConfigureAwait(false);
        await EnsureRawReplAsync(cancellationToken).ConfigureAwait(false);
        if (!follow)
        {
            // mpremote's --no-follow: return once the board has the code; it keeps running.
            await _repl.SubmitAsync(code, cancellationToken).ConfigureAwait(false);
            return true;
        }
        var result = await _repl.ExecAsync(code, WriteOutputAsync, follow: true, cancellationToken).ConfigureAwait(false);
        if (!result.Failed)
            return true;
        // mpremote prints the board's traceback on stdout; scripts written around it expect that.
        _console.WriteBoardOutput(Encoding.UTF8.GetBytes(result.Stderr));
        return false;
    }

    /// <summary>"eval EXPR": prints str() of the value, as mpremote does.</summary>
    public Task<bool> EvalAsync(string expression, CancellationToken cancellationToken) =>
        ExecAsync($"print({expression})", follow: true, cancellationToken);

    public async Task SoftResetAsync(CancellationToken cancellationToken)
    {
        await EnsureRawReplAsync(cancellationToken).ConfigureAwait(false);
        await _repl.SoftResetAsync(cancellationToken).ConfigureAwait(false);
        await RemountAfterRebootAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask WriteOutputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        _console.WriteBoardOutput(data.Span);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _connection.ConsoleRead -= OnConsoleRead;
        _connection.RequestServed -= OnRequestServed;
        _rebootWarning?.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
