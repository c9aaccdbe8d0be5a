namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>What one scenario left behind on one board: its output, the mount requests in order, and the host directory.</summary>
public sealed record ScenarioResult(BoardKind Kind, string Stdout, string Stderr, IReadOnlyList<string> Requests, IReadOnlyDictionary<string, string> HostFiles)
{
    /// <summary>Every file and directory under <paramref name="root"/>: relative path → content ("&lt;dir&gt;" for directories).</summary>
    public static SortedDictionary<string, string> Snapshot(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            files[relative] = entry is DirectoryInfo ? "<dir>" : File.ReadAllText(entry.FullName);
        }
        return files;
    }
}
