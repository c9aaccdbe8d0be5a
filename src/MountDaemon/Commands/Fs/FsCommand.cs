using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// Runs "fs SUB PATHS..." (and its shortcuts) the way mpremote v1.28 does: the same lines on stdout,
/// failures as one <see cref="CommandException"/> line. Every path but cp's is a board path (a leading
/// ':' is optional); each is announced first ("ls :dir", "cp a.py :") unless verbose is off.
/// </summary>
internal static class FsCommand
{

    public static async Task RunAsync(FsStep step, IBoardFileSystem board, FsContext context, IBoardConsole console,
        CancellationToken cancellationToken)
    {
        var command = step.Command;
        // cat is quiet unless asked; every other sub-command announces its paths unless told not to.
        var verbose = command == "cat" ? step.Verbose == true : step.Verbose != false;
        if (command == "cp")
        {
            await CopyCommand.RunAsync(step, verbose, board, context, console, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (command == "df")
        {
            await ShowUsageAsync(board, console, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (!IsSubCommand(command))
            throw new UsageException($"fs: '{command}' is not a command", "run mpyd help for the fs sub-commands");
        if (step.Size && step.Human)
            throw new UsageException("fs: argument --human/-h: not allowed with argument --size/-s", "give one of -s and -h");
        var algorithm = HashAlgorithmOf(command);

        var paths = step.Paths.Select(p => p.StartsWith(':') ? p[1..] : p).ToList();
        if (paths.Count == 0)
        {
            if (command is not ("ls" or "tree"))
                throw new UsageException($"{command}: no path given", $"name at least one board path, e.g. {command} :main.py");
            paths.Add("");
        }
        foreach (var path in paths)
        {
            if (verbose)
                console.WriteLine($"{command} :{path}");
            try
            {
                await RunOneAsync(step, algorithm, path, board, context, console, cancellationToken).ConfigureAwait(false);
            }
            catch (BoardFsException e)
            {
                throw FsErrors.Board(command, path, e);
            }
        }
    }

    /// <summary>True for the sub-commands fs knows: ls cat cp rm mkdir rmdir touch tree df and any &lt;algo&gt;sum.</summary>
    public static bool IsSubCommand(string command) =>
        command is "ls" or "cat" or "cp" or "rm" or "mkdir" or "rmdir" or "touch" or "tree" or "df" || HashAlgorithmOf(command) is not null;

    /// <summary>"sha256" for "sha256sum": any name ending in a digit and "sum", as mpremote accepts.</summary>
    public static string? HashAlgorithmOf(string command) =>
        command.Length > 4 && command.EndsWith("sum", StringComparison.Ordinal) && char.IsAsciiDigit(command[^4])
            ? command[..^3]
            : null;

    private static async Task RunOneAsync(FsStep step, string? algorithm, string path, IBoardFileSystem board, FsContext context,
        IBoardConsole console, CancellationToken cancellationToken)
    {
        switch (step.Command)
        {
            case "ls":
                foreach (var entry in await board.ListDirectoryAsync(path, cancellationToken).ConfigureAwait(false))
                    console.WriteLine(ListingFormat.LsLine(entry));
                break;
            case "cat":
                await board.ReadFileAsync(path, new ConsoleOutputStream(console), null, cancellationToken).ConfigureAwait(false);
                break;
            case "mkdir":
                await board.MakeDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
                break;
            case "rmdir":
                await board.RemoveDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
                break;
            case "touch":
                await board.TouchAsync(path, cancellationToken).ConfigureAwait(false);
                break;
            case "rm":
                if (step.Recursive)
                    await new RemoveCommand(board, context, console, step.Verbose == true).RemoveTreeAsync(path, cancellationToken)
                        .ConfigureAwait(false);
                else
                    await board.RemoveFileAsync(path, cancellationToken).ConfigureAwait(false);
                break;
            case "tree":
                await TreeCommand.RunAsync(path, step, board, context, console, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var digest = await BoardHashing.HashAsync(board, path, algorithm!, cancellationToken).ConfigureAwait(false)
                    ?? throw new CommandException($"{step.Command}: {path}: hash algorithm '{algorithm}' is available neither on the board nor here.");
                console.WriteLine(Convert.ToHexStringLower(digest));
                break;
        }
    }

    private static async Task ShowUsageAsync(IBoardFileSystem board, IBoardConsole console, CancellationToken cancellationToken)
    {
        IReadOnlyList<BoardFsUsage> usage;
        try
        {
            usage = await board.GetUsageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BoardFsException e)
        {
            throw FsErrors.Board("df", e.Path ?? "/", e);
        }
        console.WriteLine(ListingFormat.DfHeader());
        foreach (var row in usage)
            console.WriteLine(ListingFormat.DfRow(row.FileSystem, row));
    }
}
