using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// "tree": a header ":PATH" (the board's cwd for no path or "."; " on PORT" added with an explicit -v),
/// then every entry below, sorted by name, with box-drawing connectors and optional sizes.
/// </summary>
internal static class TreeCommand
{
    public static async Task RunAsync(string path, FsStep step, IBoardFileSystem board, FsContext context, IBoardConsole console,
        CancellationToken cancellationToken)
    {
        if (path.Length == 0 || path == ".")
            path = await board.GetCurrentDirectoryAsync(cancellationToken).ConfigureAwait(false);
        var entry = await board.StatAsync(path, cancellationToken).ConfigureAwait(false);
        if (entry is not { IsDirectory: true })
            throw new CommandException($"tree: '{path}' is not a directory");
        console.WriteLine(step.Verbose == true ? $":{path} on {context.DeviceName}" : $":{path}");
        var sizes = step.Size ? TreeSizes.Bytes : step.Human ? TreeSizes.Human : TreeSizes.None;
        await WriteEntriesAsync(path, "", sizes, board, console, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteEntriesAsync(string path, string prefix, TreeSizes sizes, IBoardFileSystem board, IBoardConsole console,
        CancellationToken cancellationToken)
    {
        var entries = (await board.ListDirectoryAsync(path, cancellationToken).ConfigureAwait(false))
            .Order(Comparer<BoardEntry>.Create((a, b) => BoardPath.CompareCodePoints(a.Name, b.Name)))
            .ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            var last = i == entries.Count - 1;
            console.WriteLine(ListingFormat.TreeLine(prefix, last, entries[i], sizes));
            if (entries[i].IsDirectory)
            {
                await WriteEntriesAsync(BoardPath.Join(path, entries[i].Name), ListingFormat.ChildPrefix(prefix, last), sizes, board, console,
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
