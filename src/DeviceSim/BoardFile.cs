using Mpyd.DeviceSim.FileSystem;

namespace Mpyd.DeviceSim;

/// <summary>A file open on the board (flash or /remote); each call runs on the board like the matching method.</summary>
public sealed class BoardFile : IAsyncDisposable
{
    private readonly SimulatedBoard _board;
    private readonly IVfsFile _file;

    internal BoardFile(SimulatedBoard board, IVfsFile file)
    {
        _board = board;
        _file = file;
    }

    /// <summary>read(n); n &lt; 0 reads to the end. Empty = end of file.</summary>
    public Task<byte[]> ReadAsync(int count, CancellationToken cancellationToken) =>
        _board.RunCodeAsync((_, ct) => _file.ReadAsync(count, ct), cancellationToken);

    /// <summary>readline(), with its terminator.</summary>
    public Task<byte[]> ReadLineAsync(CancellationToken cancellationToken) =>
        _board.RunCodeAsync((_, ct) => _file.ReadLineAsync(ct), cancellationToken);

    /// <summary>write(data); returns the count the file system reported.</summary>
    public Task<int> WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        _board.RunCodeAsync((_, ct) => _file.WriteAsync(data.ToArray(), ct), cancellationToken);

    /// <summary>seek(offset, whence): 0 start, 1 current, 2 end. Returns the new position.</summary>
    public Task<long> SeekAsync(long offset, int whence, CancellationToken cancellationToken) =>
        _board.RunCodeAsync((_, ct) => _file.SeekAsync(offset, whence, ct), cancellationToken);

    public Task<long> TellAsync(CancellationToken cancellationToken) =>
        _board.RunCodeAsync((_, ct) => _file.TellAsync(ct), cancellationToken);

    public Task CloseAsync(CancellationToken cancellationToken) =>
        _board.RunCodeAsync(async (_, ct) =>
        {
            await _file.CloseAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Closes the file (one CLOSE on the mount; none if already closed).</summary>
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await CloseAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or SimulatedBoardException or OperationCanceledException)
        {
            // Disposal is best effort: the link or the board may be gone.
        }
    }
}
