using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// "rm -r": files are removed, directories emptied depth first and removed ("" = the cwd, emptied
/// but kept); a mount point the board refuses with EINVAL is skipped. While a host directory is
/// mounted, a directory that is the mount point, lies inside it or contains it is refused before
/// anything is removed (mpremote only refuses paths that start with "/remote/", so "rm -r :" with the
/// cwd at /remote deletes the user's host files).
/// </summary>
internal sealed class RemoveCommand(IBoardFileSystem board, FsContext context, IBoardConsole console, bool verbose)
{
    public async Task RemoveTreeAsync(string path, CancellationToken cancellationToken)
    {
        var entry = await board.StatAsync(path, cancellationToken).ConfigureAwait(false);
        if (entry is { IsDirectory: true } && context.MountPoint is { } mountPoint)
        {
            var cwd = await board.GetCurrentDirectoryAsync(cancellationToken).ConfigureAwait(false);
            if (BoardPath.Overlaps(BoardPath.Absolute(cwd, path), mountPoint))
                throw new CommandException($"rm -r not permitted on {mountPoint} directory");
        }
        await RemoveAsync(path, entry?.IsDirectory == true, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveAsync(string path, bool isDirectory, CancellationToken cancellationToken)
    {
        if (!isDirectory)
        {
            await board.RemoveFileAsync(path, cancellationToken).ConfigureAwait(false);
            if (verbose)
                console.WriteLine($"removed: '{path}'");
            return;
        }
        foreach (var child in await board.ListDirectoryAsync(path, cancellationToken).ConfigureAwait(false))
            await RemoveAsync(BoardPath.Join(path, child.Name), child.IsDirectory, cancellationToken).ConfigureAwait(false);
        if (path.Length == 0)
            return;
        try
        {
            await board.RemoveDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
            if (verbose)
                console.WriteLine($"removed directory: '{path}'");
        }
        catch (BoardFsException e) when (e.Errno == FsErrors.Invalid)
        {
            // EINVAL: a file system is mounted there; it stays.
            if (verbose)
                console.WriteLine($"skipped: '{path}' (vfs mountpoint)");
        }
        catch (BoardFsException e)
        {
            var reason = e.Errno != 0 ? FsErrors.StrError(e.Errno) : e.Message;
            throw new CommandException($"rm -r: cannot remove :{path} {reason}");
        }
    }
}
