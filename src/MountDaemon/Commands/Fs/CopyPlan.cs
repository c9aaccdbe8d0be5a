namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// What a recursive cp does, gathered while walking the source: directories to create (in walk
/// order, relative to the destination) and files to copy, in the order mpremote copies them
/// (sorted by destination parts, then source path, comparing names by code point).
/// </summary>
internal sealed class CopyPlan
{
    private readonly List<IReadOnlyList<string>> _directories = [];
    private readonly List<(IReadOnlyList<string> Destination, string Source)> _files = [];

    public IReadOnlyList<IReadOnlyList<string>> Directories => _directories;

    public void AddDirectory(IReadOnlyList<string> destination) => _directories.Add(destination);

    public void AddFile(IReadOnlyList<string> destination, string source) => _files.Add((destination, source));

    public IReadOnlyList<(IReadOnlyList<string> Destination, string Source)> SortedFiles()
    {
        var sorted = _files.ToList();
        sorted.Sort((a, b) =>
        {
            var order = CompareParts(a.Destination, b.Destination);
            return order != 0 ? order : BoardPath.CompareCodePoints(a.Source, b.Source);
        });
        return sorted;
    }

    // Python's list ordering: element by element, a shorter prefix first.
    private static int CompareParts(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var order = BoardPath.CompareCodePoints(a[i], b[i]);
            if (order != 0)
                return order;
        }
        return a.Count.CompareTo(b.Count);
    }
}
