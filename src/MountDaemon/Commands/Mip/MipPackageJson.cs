using System.Text.Json;
using System.Text.Json.Serialization;
using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>
/// A package's manifest (index "&lt;version&gt;.json" or a repository's package.json): "hashes"
/// [[target_path, short_sha256]] fetched from the index, "urls" [[target_path, url]], "deps" [[name, version]].
/// </summary>
internal sealed class MipPackageJson
{
    [JsonPropertyName("hashes")]
    public List<List<string>>? Hashes { get; init; }

    [JsonPropertyName("urls")]
    public List<List<string>>? Urls { get; init; }

    [JsonPropertyName("deps")]
    public List<List<string>>? Deps { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>Parses and checks a manifest; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="CommandException">Not JSON of this shape, or an entry that could not be installed safely.</exception>
    public static MipPackageJson Parse(ReadOnlySpan<byte> json, string source)
    {
        MipPackageJson? package;
        try
        {
            package = JsonSerializer.Deserialize(json, MipJsonContext.Default.MipPackageJson);
        }
        catch (JsonException e)
        {
            throw new CommandException($"Invalid package file {source}: {e.Message}");
        }
        if (package is null)
            throw new CommandException($"Invalid package file {source}: not a JSON object");
        foreach (var entry in package.Hashes ?? [])
        {
            Check(entry.Count == 2, source, "each \"hashes\" entry is [path, hash]");
            CheckTargetPath(entry[0], source);
            Check(entry[1].Length >= 2 && entry[1].All(char.IsAsciiHexDigit), source, $"'{entry[1]}' is not a hex hash");
        }
        foreach (var entry in package.Urls ?? [])
        {
            Check(entry.Count == 2, source, "each \"urls\" entry is [path, url]");
            CheckTargetPath(entry[0], source);
        }
        foreach (var entry in package.Deps ?? [])
            Check(entry.Count is 1 or 2 && entry[0].Length > 0, source, "each \"deps\" entry is [name, version]");
        return package;
    }

    // A manifest only places files under the target: a path out of it ("../boot.py", "/main.py") is refused.
    private static void CheckTargetPath(string path, string source) =>
        Check(path.Length > 0 && !path.StartsWith('/') && !path.Contains('\\') && path.Split('/').All(s => s is not (".." or "")),
            source, $"'{path}' is not a relative path inside the target");

    private static void Check(bool ok, string source, string what)
    {
        if (!ok)
            throw new CommandException($"Invalid package file {source}: {what}");
    }
}
