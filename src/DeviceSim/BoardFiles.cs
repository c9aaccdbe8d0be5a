using Mpyd.DeviceSim.Execution;

namespace Mpyd.DeviceSim;

/// <summary>
/// File calls on the board, as code on the board would make them: paths go through the board's
/// VFS ("/remote/x" is the mount, other absolute paths the flash, relative ones the current
/// directory), so mount traffic is exactly what the board program would send.
/// Python errors throw <see cref="SimulatedBoardException"/> (OSError carries its errno).
/// </summary>
public sealed class BoardFiles
{
    private readonly SimulatedBoard _board;

    internal BoardFiles(SimulatedBoard board) => _board = board;

    /// <summary>open(path, mode).</summary>
    public Task<BoardFile> OpenAsync(string path, string mode, CancellationToken cancellationToken) =>
        _board.RunCodeAsync(async (rt, ct) =>
        {
            var (vfs, inner) = rt.Resolve(path);
            return new BoardFile(_board, await vfs.OpenAsync(inner, mode, ct).ConfigureAwait(false));
        }, cancellationToken);

    /// <summary>os.ilistdir(path).</summary>
    public Task<IReadOnlyList<BoardDirEntry>> ListDirAsync(string path, CancellationToken cancellationToken) =>
        _board.RunCodeAsync<IReadOnlyList<BoardDirEntry>>(async (rt, ct) =>
        {
            var (vfs, inner) = rt.Resolve(path);
            var entries = await vfs.ListDirAsync(inner, ct).ConfigureAwait(false);
            return [.. entries.Select(e => new BoardDirEntry(e.Name, (e.Type & 0x4000) != 0, e.Size))];
        }, cancellationToken);

    /// <summary>os.stat(path).</summary>
    public Task<BoardStat> StatAsync(string path, CancellationToken cancellationToken) =>
        _board.RunCodeAsync(async (rt, ct) =>
        {
            var (vfs, inner) = rt.Resolve(path);
            var s = await vfs.StatAsync(inner, ct).ConfigureAwait(false);
            return new BoardStat(s.Mode, s.Size, s.AccessTime, s.ModifyTime, s.ChangeTime);
        }, cancellationToken);

    /// <summary>os.statvfs(path).</summary>
    public Task<BoardStatVfs> StatVfsAsync(string path, CancellationToken cancellationToken) =>
        _board.RunCodeAsync(async (rt, ct) =>
        {
            var (vfs, inner) = rt.Resolve(path);
            var s = await vfs.StatFsAsync(inner, ct).ConfigureAwait(false);
            return new BoardStatVfs(s.BlockSize, s.Blocks, s.Free, s.Available, s.NameMax);
        }, cancellationToken);

    public Task RemoveAsync(string path, CancellationToken cancellationToken) =>
        PathOp(path, (v, p, ct) => v.RemoveAsync(p, ct), cancellationToken);

    public Task MakeDirAsync(string path, CancellationToken cancellationToken) =>
        PathOp(path, (v, p, ct) => v.MakeDirAsync(p, ct), cancellationToken);

    public Task RemoveDirAsync(string path, CancellationToken cancellationToken) =>
        PathOp(path, (v, p, ct) => v.RemoveDirAsync(p, ct), cancellationToken);

    /// <summary>os.chdir(path).</summary>
    public Task ChangeDirAsync(string path, CancellationToken cancellationToken) =>
        _board.RunCodeAsync(async (rt, ct) =>
        {
            await rt.ChangeDirAsync(path, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>os.rename(from, to); both must be on the same file system (else EXDEV).</summary>
    public Task RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        _board.RunCodeAsync(async (rt, ct) =>
        {
            var (a, pa) = rt.Resolve(from);
            var (b, pb) = rt.Resolve(to);
            if (a != b)
                throw PyException.OSError((int)Protocol.RemoteFs.Errno.EXDEV);
            await a.RenameAsync(pa, pb, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>open(path, "rb").read() then close().</summary>
    public async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken)
    {
        var file = await OpenAsync(path, "rb", cancellationToken).ConfigureAwait(false);
        var data = await file.ReadAsync(-1, cancellationToken).ConfigureAwait(false);
        await file.CloseAsync(cancellationToken).ConfigureAwait(false);
        return data;
    }

    /// <summary>open(path, "wb").write(data) then close().</summary>
    public async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var file = await OpenAsync(path, "wb", cancellationToken).ConfigureAwait(false);
        await file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        await file.CloseAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task PathOp(string path, Func<FileSystem.IBoardVfs, string, CancellationToken, ValueTask> op, CancellationToken cancellationToken) =>
        _board.RunCodeAsync(async (rt, ct) =>
        {
            var (vfs, inner) = rt.Resolve(path);
            await op(vfs, inner, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
