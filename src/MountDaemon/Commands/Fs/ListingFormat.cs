using System.Globalization;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>The text lines of ls, tree and df, exactly as mpremote prints them.</summary>
internal static class ListingFormat
{
    public const string Branch = "├── ";
    public const string LastBranch = "└── ";
    public const string Continue = "│   ";
    public const string Blank = "    ";

    /// <summary>"{size:12} {name}" with '/' after directories.</summary>
    public static string LsLine(BoardEntry entry) =>
        string.Create(CultureInfo.InvariantCulture, $"{entry.Size,12} {entry.Name}{(entry.IsDirectory ? "/" : "")}");

    /// <summary>
    /// One tree row. Sizes are left out for directories of size 0 (most board filesystems give none).
    /// </summary>
    public static string TreeLine(string prefix, bool last, BoardEntry entry, TreeSizes sizes)
    {
        var size = "";
        if (entry.Size > 0 || !entry.IsDirectory)
        {
            size = sizes switch
            {
                TreeSizes.Bytes => string.Create(CultureInfo.InvariantCulture, $"[{entry.Size,9}]  "),
                TreeSizes.Human => $"[{HumanSize(entry.Size),6}]  ",
                _ => "",
            };
        }
        return prefix + (last ? LastBranch : Branch) + size + entry.Name;
    }

    /// <summary>The prefix of the rows below an entry.</summary>
    public static string ChildPrefix(string prefix, bool last) => prefix + (last ? Blank : Continue);

    /// <summary>Bytes as a whole number; from 1024 on K/M/G/T with one decimal (1096 → "1.1K").</summary>
    public static string HumanSize(long size)
    {
        string[] units = ["B", "K", "M", "G", "T"];
        double value = size;
        var unit = 0;
        while (value >= 1024.0 && unit < units.Length - 1)
        {
            value /= 1024.0;
            unit++;
        }
        return unit == 0
            ? size.ToString(CultureInfo.InvariantCulture)
            : value.ToString("F1", CultureInfo.InvariantCulture) + units[unit];
    }

    /// <summary>The header row of df.</summary>
    public static string DfHeader() => DfRow("filesystem", "size", "used", "avail", "use%", "mounted on");

    /// <summary>
    /// One df row. mpremote's df shows free blocks (not the blocks available to users) as avail and
    /// size minus that as used, with use% rounded down; the row is computed the same way from Used.
    /// </summary>
    public static string DfRow(string fileSystem, BoardFsUsage usage)
    {
        var free = usage.Size - usage.Used;
        var percent = usage.Size == 0 ? 0 : 100 * usage.Used / usage.Size;
        return DfRow(fileSystem, Number(usage.Size), Number(usage.Used), Number(free), Number(percent), usage.MountPoint);
    }

    private static string DfRow(string fileSystem, string size, string used, string available, string percent, string mountedOn) =>
        $"{fileSystem,-10}{size,9}{used,9}{available,9}{percent,5} {mountedOn}";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
