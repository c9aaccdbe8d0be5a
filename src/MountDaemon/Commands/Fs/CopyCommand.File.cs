using System.Security.Cryptography;
using Mpyd.MountDaemon.Cli;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

internal sealed partial class CopyCommand
{
    /// <summary>
    /// The copy of one file. A destination that is an existing directory receives the source's name;
    /// a destination ending in '/' must be one. Board destinations are written by the board program
    /// (old file kept until the new one is complete), host ones through a temporary file.
    /// </summary>
    private async Task CopyFileAsync(string source, string destination, bool multiple, CancellationToken cancellationToken)
    {
        var to = CopyLocation.Parse(destination, _context.HostDirectory);
        var insistsOnDirectory = to.HasTrailingSlash;
        to = await RootAsCwdAsync(to.WithoutTrailingSlash(), cancellationToken).ConfigureAwait(false);
        var (destinationExists, destinationIsDirectory) = await ProbeAsync(to, cancellationToken).ConfigureAwait(false);
        if (insistsOnDirectory && !destinationIsDirectory)
            throw new CommandException("cp: destination is not a directory");
        if (multiple && !destinationExists)
            throw new CommandException("cp: destination does not exist");
        if (multiple && !destinationIsDirectory)
            throw new CommandException("cp: destination is not a directory");

        var from = CopyLocation.Parse(source, _context.HostDirectory);
        var length = await SourceLengthAsync(from, cancellationToken).ConfigureAwait(false);
        if (destinationIsDirectory)
            to = to.Join(from.Name);

        if (to.OnBoard)
            await CopyToBoardAsync(from, length, to, cancellationToken).ConfigureAwait(false);
        else
            await CopyToHostAsync(from, length, to, cancellationToken).ConfigureAwait(false);
    }

    // The size of a source file; a directory or nothing there ends the copy with mpremote's message.
    private async Task<long> SourceLengthAsync(CopyLocation from, CancellationToken cancellationToken)
    {
        if (!from.OnBoard)
        {
            var path = from.HostPath;
            if (Directory.Exists(path))
                throw new CommandException("cp: -r not specified; omitting directory");
            if (!File.Exists(path))
                throw FsErrors.Errno("cp", from.Typed, FsErrors.NoEntry);
            return new FileInfo(path).Length;
        }
        BoardEntry? entry;
        try
        {
            entry = await _board.StatAsync(from.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (BoardFsException e)
        {
            throw FsErrors.Board("cp", from.Typed, e);
        }
        if (entry is null)
            throw FsErrors.Errno("cp", from.Typed, FsErrors.NoEntry);
        if (entry.IsDirectory)
            throw new CommandException("cp: -r not specified; omitting directory");
        return entry.Size;
    }

    private async Task CopyToBoardAsync(CopyLocation from, long length, CopyLocation to, CancellationToken cancellationToken)
    {
        var data = await LoadAsync(from, length, cancellationToken).ConfigureAwait(false);
        if (_checkHash && await IsUpToDateAsync(to.Path, data, cancellationToken).ConfigureAwait(false))
        {
            _console.WriteLine($"Up to date: {to.Path}");
            return;
        }
        try
        {
            using var content = new MemoryStream(data, writable: false);
            var bar = ProgressBar.For(_console, data.Length);
            await _board.WriteFileAsync(to.Path, content, data.Length, bar, cancellationToken).ConfigureAwait(false);
            bar?.Report(data.Length);
        }
        catch (BoardFsException e)
        {
            throw FsErrors.Board("cp", to.Typed, e);
        }
    }

    // The whole source in memory (as mpremote holds it): its hash is checked before writing.
    private async Task<byte[]> LoadAsync(CopyLocation from, long length, CancellationToken cancellationToken)
    {
        if (!from.OnBoard)
        {
            try
            {
                return await File.ReadAllBytesAsync(from.HostPath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (FsErrors.IsHostFailure(e))
            {
                throw FsErrors.Host("cp", from.Typed, e);
            }
        }
        using var content = new MemoryStream();
        await ReadBoardFileAsync(from, length, content, cancellationToken).ConfigureAwait(false);
        return content.ToArray();
    }

    private async Task ReadBoardFileAsync(CopyLocation from, long length, Stream destination, CancellationToken cancellationToken)
    {
        try
        {
            var bar = ProgressBar.For(_console, length);
            await _board.ReadFileAsync(from.Path, destination, bar, cancellationToken).ConfigureAwait(false);
            bar?.Report(length);
        }
        catch (BoardFsException e)
        {
            throw FsErrors.Board("cp", from.Typed, e);
        }
    }

    // Unreadable or missing destinations are simply not up to date.
    private async Task<bool> IsUpToDateAsync(string path, byte[] data, CancellationToken cancellationToken)
    {
        try
        {
            var digest = await BoardHashing.HashAsync(_board, path, "sha256", cancellationToken).ConfigureAwait(false);
            return digest is not null && digest.AsSpan().SequenceEqual(SHA256.HashData(data));
        }
        catch (BoardFsException)
        {
            return false;
        }
    }

    private async Task CopyToHostAsync(CopyLocation from, long length, CopyLocation to, CancellationToken cancellationToken)
    {
        FileStream? hostSource = null;
        if (!from.OnBoard)
        {
            try
            {
                hostSource = new FileStream(from.HostPath, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, FileOptions.Asynchronous);
            }
            catch (Exception e) when (FsErrors.IsHostFailure(e))
            {
                throw FsErrors.Host("cp", from.Typed, e);
            }
        }
        try
        {
            await HostFileWriter.WriteAsync(to.HostPath, async (stream, ct) =>
            {
                if (hostSource is not null)
                    await hostSource.CopyToAsync(stream, ct).ConfigureAwait(false);
                else
                    await ReadBoardFileAsync(from, length, stream, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (FsErrors.IsHostFailure(e))
        {
            throw FsErrors.Host("cp", to.Typed, e);
        }
        finally
        {
            if (hostSource is not null)
                await hostSource.DisposeAsync().ConfigureAwait(false);
        }
    }
}
