using System.Text.Json;

namespace Mpyd.MountDaemon.Cli.Shortcuts;

/// <summary>
/// The user's shortcuts: the "commands" of mpyd's config.json, and those of an existing mpremote
/// config.py (read as data, never run), so a user switching from mpremote keeps their macros.
/// mpyd's own definitions win over mpremote's of the same name.
/// </summary>
internal static class UserShortcuts
{
    /// <summary>Where mpremote keeps its config.py on this system.</summary>
    public static string MpremoteConfigPath
    {
        get
        {
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "mpremote", "config.py");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (OperatingSystem.IsMacOS())
                return Path.Combine(home, "Library", "Application Support", "mpremote", "config.py");
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            return Path.Combine(!string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(home, ".config"), "mpremote", "config.py");
        }
    }

    /// <summary>
    /// Loads both files (a missing file has no shortcuts). A file that cannot be read as expected
    /// costs its shortcuts and one line in <paramref name="warnings"/>, never the run.
    /// </summary>
    public static IReadOnlyList<Shortcut> Load(string mpydConfigPath, string mpremoteConfigPath, Action<string> warnings)
    {
        var byName = new Dictionary<string, Shortcut>(StringComparer.Ordinal);
        foreach (var shortcut in FromMpremoteConfig(mpremoteConfigPath, warnings))
            byName[shortcut.Name] = shortcut;
        foreach (var shortcut in FromMpydConfig(mpydConfigPath, warnings))
            byName[shortcut.Name] = shortcut;
        return [.. byName.Values];
    }

    public static IReadOnlyList<Shortcut> FromMpydConfig(string path, Action<string> warnings)
    {
        if (ReadIfPresent(path, warnings) is not { } text)
            return [];
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("commands", out var commands))
                return [];
            if (commands.ValueKind != JsonValueKind.Object)
                throw new FormatException("\"commands\" must be an object of \"name args...\": expansion");
            return Build(commands.EnumerateObject().Select(p => (p.Name, ToValue(p.Value))), path, warnings);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            warnings($"{path}: {e.Message}; its commands are not available");
            return [];
        }
    }

    public static IReadOnlyList<Shortcut> FromMpremoteConfig(string path, Action<string> warnings)
    {
        if (ReadIfPresent(path, warnings) is not { } text)
            return [];
        try
        {
            var commands = PythonLiteralReader.ReadAssignment(text, "commands", out var found);
            if (!found)
                return [];
            if (commands is not Dictionary<string, object?> dict)
                throw new FormatException("'commands' is not a dictionary");
            return Build(dict.Select(p => (p.Key, p.Value)), path, warnings);
        }
        catch (FormatException e)
        {
            warnings($"{path}: {e.Message}; mpyd reads 'commands' as a plain literal and never runs the file, so its commands are not available");
            return [];
        }
    }

    // Null when the file is missing (no shortcuts) or unreadable (one warning).
    private static string? ReadIfPresent(string path, Action<string> warnings)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings($"{path}: cannot read it ({e.Message}); its commands are not available");
            return null;
        }
    }

    private static List<Shortcut> Build(IEnumerable<(string Key, object? Value)> entries, string path, Action<string> warnings)
    {
        var shortcuts = new List<Shortcut>();
        foreach (var (key, value) in entries)
        {
            try
            {
                shortcuts.Add(ShortcutDefinition.Parse(key, value));
            }
            catch (FormatException e)
            {
                warnings($"{path}: {e.Message}; that command is skipped");
            }
        }
        return shortcuts;
    }

    private static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
