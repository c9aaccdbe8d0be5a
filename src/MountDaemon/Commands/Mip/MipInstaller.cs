using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>
/// "mip install": installs micropython-lib packages, github:/gitlab: repositories and URLs onto the board
/// (shared/spec/mpremote-commands.md section 5), printing mpremote's lines on the console.
/// </summary>
internal sealed class MipInstaller : IDisposable
{
    /// <summary>Deadline of each HTTP request (mpremote has none; a stalled server should not hang the chain).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly MipSources _sources;
    private readonly TimeSpan _requestTimeout;

    /// <summary>The installer mpyd uses: its own HttpClient (system proxy settings apply), the real github/gitlab hosts.</summary>
    public MipInstaller()
        : this(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, MipSources.Default, DefaultRequestTimeout)
    {
        _ownsHttp = true;
    }

    /// <summary>For tests: a given client (not disposed here) and raw-content hosts.</summary>
    public MipInstaller(HttpClient http, MipSources sources, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(sources);
        _http = http;
        _sources = sources;
        _requestTimeout = requestTimeout;
    }

    /// <summary>
    /// Installs every package of <paramref name="step"/> in order ("Install", ..., "Done" for each).
    /// <paramref name="repl"/> must be in the raw REPL (BoardSession.PrepareRawReplAsync); it is used only
    /// to read sys.path and sys.implementation._mpy.
    /// </summary>
    /// <exception cref="CommandException">
    /// A package could not be installed ("Package may be partially installed" has been printed), or no
    /// target directory was given and sys.path has no lib directory.
    /// </exception>
    public Task InstallAsync(MipStep step, RawReplClient repl, IBoardFileSystem board, IBoardConsole console,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repl);
        return InstallAsync(step, ct => MipBoardQuery.ReadAsync(repl, ct), board, console, cancellationToken);
    }

    /// <summary>As the public overload, with the board's sys.path and _mpy from <paramref name="queryBoard"/> (asked at most once).</summary>
    public async Task InstallAsync(MipStep step, Func<CancellationToken, Task<MipBoardQuery>> queryBoard, IBoardFileSystem board,
        IBoardConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(queryBoard);
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(console);

        MipBoardQuery? query = null;
        async Task<MipBoardQuery> QueryAsync(CancellationToken ct) =>
            query ??= await queryBoard(ct).ConfigureAwait(false);

        var index = (step.Index ?? MipSources.DefaultIndex).TrimEnd('/');
        var run = new MipInstallRun(new MipFetcher(_http, _requestTimeout), new MipBoardTarget(board, console), _sources, console, index,
            step.Mpy ? async ct => (await QueryAsync(ct).ConfigureAwait(false)).MpySegment : _ => Task.FromResult("py"));
        var target = step.Target;
        foreach (var spec in step.Packages)
        {
            var (package, version) = MipPackageSpec.Split(spec);
            console.WriteLine($"Install {package}");
            target ??= (await QueryAsync(cancellationToken).ConfigureAwait(false)).LibDirectory
                ?? throw new CommandException("Unable to find lib dir in sys.path, use --target to override");
            try
            {
                await run.InstallAsync(package, version, target.TrimEnd('/'), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CommandException or DeviceException)
            {
                console.WriteLine("Package may be partially installed");
                throw;
            }
            console.WriteLine("Done");
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }
}
