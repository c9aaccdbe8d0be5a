using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

/// <summary>A real board file system whose firmware lacks hashlib (HashAsync answers null, as BoardFileSystem does then).</summary>
internal sealed class NoHashlibBoard(IBoardFileSystem inner) : IBoardFileSystem
{
    public int HashCalls { get; private set; }

    public Task<byte[]?> HashAsync(string path, string algorithm, CancellationToken cancellationToken)
    {
        HashCalls++;
        return Task.FromResult<byte[]?>(null);
    }

    public Task<string> GetCurrentDirectoryAsync(CancellationToken cancellationToken) => inner.GetCurrentDirectoryAsync(cancellationToken);
    public Task<BoardEntry?> StatAsync(string path, CancellationToken cancellationToken) => inner.StatAsync(path, cancellationToken);
    public Task<IReadOnlyList<BoardEntry>> ListDirectoryAsync(string path, CancellationToken cancellationToken) =>
        inner.ListDirectoryAsync(path, cancellationToken);
    public Task MakeDirectoryAsync(string path, CancellationToken cancellationToken) => inner.MakeDirectoryAsync(path, cancellationToken);
    public Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken) => inner.RemoveDirectoryAsync(path, cancellationToken);
    public Task RemoveFileAsync(string path, CancellationToken cancellationToken) => inner.RemoveFileAsync(path, cancellationToken);
    public Task TouchAsync(string path, CancellationToken cancellationToken) => inner.TouchAsync(path, cancellationToken);
    public Task ReadFileAsync(string path, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken) =>
        inner.ReadFileAsync(path, destination, progress, cancellationToken);
    public Task WriteFileAsync(string path, Stream source, long length, IProgress<long>? progress, CancellationToken cancellationToken) =>
        inner.WriteFileAsync(path, source, length, progress, cancellationToken);
    public Task<IReadOnlyList<BoardFsUsage>> GetUsageAsync(CancellationToken cancellationToken) => inner.GetUsageAsync(cancellationToken);
}
