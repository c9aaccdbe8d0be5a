using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// "cp SRC... DEST" with mpremote's rules: a leading ':' marks a board path; the last path is the
/// destination; several sources need an existing directory; a board file whose SHA-256 already
/// matches is skipped ("Up to date: PATH") unless -f. This file holds the command and -r; the copy
/// of one file is in CopyCommand.File.cs.
/// </summary>
internal sealed partial class CopyCommand
{
    private readonly IBoardFileSystem _board;
    private readonly FsContext _context;
    private readonly IBoardConsole _console;
    private readonly bool _checkHash;

    private CopyCommand(IBoardFileSystem board, FsContext context, IBoardConsole console, bool checkHash)
    {
        _board = board;
        _context = context;
        _console = console;
        _checkHash = checkHash;
    }

    public static async Task RunAsync(FsStep step, bool verbose, IBoardFileSystem board, FsContext context, IBoardConsole console,
        CancellationToken cancellationToken)
    {
        if (step.Paths.Count < 2)
            throw new CommandException("cp: missing destination path");
        var destination = step.Paths[^1];
        var sources = step.Paths.Take(step.Paths.Count - 1).ToList();
        var copy = new CopyCommand(board, context, console, checkHash: !step.Force);
        foreach (var source in sources)
        {
            if (verbose)
                console.WriteLine($"cp {source} {destination}");
            if (step.Recursive)
                await copy.CopyTreeAsync(source, destination, sources.Count > 1, cancellationToken).ConfigureAwait(false);
            else
                await copy.CopyFileAsync(source, destination, sources.Count > 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// cp -r: trailing slashes do not matter; an existing destination directory receives a copy named
    /// after the source, otherwise the destination becomes the copy. Directories are created first
    /// (existing ones are fine), then the files are copied in sorted order.
    /// </summary>
    private async Task CopyTreeAsync(string source, string destination, bool multiple, CancellationToken cancellationToken)
    {
        var from = CopyLocation.Parse(source, _context.HostDirectory).WithoutTrailingSlash();
        var to = await RootAsCwdAsync(CopyLocation.Parse(destination, _context.HostDirectory).WithoutTrailingSlash(), cancellationToken)
            .ConfigureAwait(false);
        var (destinationExists, _) = await ProbeAsync(to, cancellationToken).ConfigureAwait(false);
        var (_, sourceIsDirectory) = await ProbeAsync(from, cancellationToken).ConfigureAwait(false);
        if (!sourceIsDirectory)
        {
            // A file (or nothing): the plain copy, with its messages.
            await CopyFileAsync(from.Typed, to.Typed, multiple, cancellationToken).ConfigureAwait(false);
            return;
        }

        var plan = new CopyPlan();
        var name = from.Name;
        await WalkAsync(from.Parent.Join(name), destinationExists ? [name] : [], plan, cancellationToken).ConfigureAwait(false);
        if (!destinationExists)
            await MakeDirectoryAsync(to, cancellationToken).ConfigureAwait(false);
        foreach (var directory in plan.Directories)
            await MakeDirectoryAsync(to.Join([.. directory]), cancellationToken).ConfigureAwait(false);
        foreach (var (parts, file) in plan.SortedFiles())
            await CopyFileAsync(from.WithPath(file).Typed, to.Join([.. parts]).Typed, false, cancellationToken).ConfigureAwait(false);
    }

    private async Task WalkAsync(CopyLocation directory, IReadOnlyList<string> destination, CopyPlan plan, CancellationToken cancellationToken)
    {
        if (destination.Count > 0)
            plan.AddDirectory(destination);
        foreach (var entry in await ListAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            var child = directory.Join(entry.Name);
            IReadOnlyList<string> childDestination = [.. destination, entry.Name];
            if (entry.IsDirectory)
                await WalkAsync(child, childDestination, plan, cancellationToken).ConfigureAwait(false);
            else
                plan.AddFile(childDestination, child.Path);
        }
    }

    /// <summary>
    /// mpremote turns a board destination ":/" into ":" (the cwd). We keep the root, but when the cwd is
    /// the root anyway we use mpremote's form, so the paths it prints ("Up to date: ./x.py") stay the same.
    /// </summary>
    private async Task<CopyLocation> RootAsCwdAsync(CopyLocation location, CancellationToken cancellationToken)
    {
        if (!location.OnBoard || location.Path != "/")
            return location;
        string cwd;
        try
        {
            cwd = await _board.GetCurrentDirectoryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BoardFsException e)
        {
            throw FsErrors.Board("cp", location.Typed, e);
        }
        return cwd == "/" ? location.WithPath("") : location;
    }

    private async Task<(bool Exists, bool IsDirectory)> ProbeAsync(CopyLocation location, CancellationToken cancellationToken)
    {
        if (!location.OnBoard)
            return Directory.Exists(location.HostPath) ? (true, true) : (File.Exists(location.HostPath), false);
        try
        {
            var entry = await _board.StatAsync(location.Path, cancellationToken).ConfigureAwait(false);
            return (entry is not null, entry?.IsDirectory == true);
        }
        catch (BoardFsException e)
        {
            throw FsErrors.Board("cp", location.Typed, e);
        }
    }

    private async Task<IReadOnlyList<BoardEntry>> ListAsync(CopyLocation directory, CancellationToken cancellationToken)
    {
        if (directory.OnBoard)
        {
            try
            {
                return await _board.ListDirectoryAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (BoardFsException e)
            {
                throw FsErrors.Board("cp", directory.Typed, e);
            }
        }
        try
        {
            // As os.path.isdir, a link to a directory counts as one.
            return [.. Directory.EnumerateFileSystemEntries(directory.HostPath)
                .Select(p => new BoardEntry(Path.GetFileName(p), Directory.Exists(p), 0))];
        }
        catch (Exception e) when (FsErrors.IsHostFailure(e))
        {
            throw FsErrors.Host("cp", directory.Typed, e);
        }
    }

    // os.mkdir that tolerates anything already there (a file there fails later, when copying into it).
    private async Task MakeDirectoryAsync(CopyLocation directory, CancellationToken cancellationToken)
    {
        if (directory.OnBoard)
        {
            try
            {
                await _board.MakeDirectoryAsync(directory.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (BoardFsException e) when (e.Errno == FsErrors.Exists)
            {
            }
            catch (BoardFsException e)
            {
                throw FsErrors.Board("cp", directory.Typed, e);
            }
            return;
        }
        var path = directory.HostPath;
        if (Directory.Exists(path) || File.Exists(path))
            return;
        if (Path.GetDirectoryName(path) is { } parent && !Directory.Exists(parent))
            throw FsErrors.Errno("cp", directory.Typed, File.Exists(parent) ? FsErrors.NotDirectory : FsErrors.NoEntry);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (FsErrors.IsHostFailure(e))
        {
            throw FsErrors.Host("cp", directory.Typed, e);
        }
    }
}
