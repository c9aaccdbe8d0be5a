using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Repl;

/// <summary>
/// A wait's bound: overall (from creation), idle (re-armed by every byte and every mount request
/// served), or none (only the caller's token). Tells its own expiry apart from the caller's cancellation.
/// </summary>
internal sealed class ReplDeadline : IDisposable
{
    private readonly BoardConnection _connection;
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource _linked;
    private readonly bool _idle;

    private ReplDeadline(BoardConnection connection, TimeSpan? timeout, bool idle, CancellationToken cancellationToken)
    {
        _connection = connection;
        _idle = idle;
        Timeout = timeout ?? System.Threading.Timeout.InfiniteTimeSpan;
        if (timeout is { } t)
        {
            _timer = new CancellationTokenSource(t, connection.TimeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
        }
        else
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }
        if (idle)
            connection.RequestServed += OnRequestServed;
    }

    public static ReplDeadline Overall(BoardConnection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        new(connection, timeout, idle: false, cancellationToken);

    public static ReplDeadline Idle(BoardConnection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        new(connection, timeout, idle: true, cancellationToken);

    public static ReplDeadline Unbounded(BoardConnection connection, CancellationToken cancellationToken) =>
        new(connection, null, idle: false, cancellationToken);

    public CancellationToken Token => _linked.Token;

    public TimeSpan Timeout { get; }

    /// <summary>True when this deadline's own timer fired (not the caller's token).</summary>
    public bool Expired => _timer is { IsCancellationRequested: true };

    /// <summary>Progress was made: an idle deadline starts counting again.</summary>
    public void Touch()
    {
        if (_idle && _timer is { IsCancellationRequested: false } timer)
            timer.CancelAfter(Timeout);
    }

    public void Dispose()
    {
        if (_idle)
            _connection.RequestServed -= OnRequestServed;
        _linked.Dispose();
        _timer?.Dispose();
    }

    private void OnRequestServed(RemoteFs.RemoteFsRequest request, RemoteFs.RemoteFsReply reply, TimeSpan elapsed) => Touch();
}
