namespace Mpyd.MountDaemon.Cli.Shortcuts;

/// <summary>
/// Turns one entry of a "commands" dictionary into a <see cref="Shortcut"/>. The key is
/// "name" or "name a b=default"; the value is a string (split on white space), a list of words,
/// or a dictionary with "command" (either of those) and optional "help".
/// </summary>
internal static class ShortcutDefinition
{
    /// <param name="value">string, IReadOnlyList&lt;object?&gt; or IReadOnlyDictionary&lt;string, object?&gt;.</param>
    /// <exception cref="FormatException">The entry has another shape; the message says what.</exception>
    public static Shortcut Parse(string key, object? value)
    {
        var signature = key.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (signature.Length == 0)
            throw new FormatException("a command has an empty name");
        var parameters = signature[1..].Select(word =>
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? new ShortcutParameter(word, null) : new ShortcutParameter(word[..eq], word[(eq + 1)..]);
        }).ToList();

        string? help = null;
        if (value is IReadOnlyDictionary<string, object?> dict)
        {
            if (!dict.TryGetValue("command", out value))
                throw new FormatException($"command '{signature[0]}' has no \"command\" entry");
            if (dict.TryGetValue("help", out var h))
                help = h as string ?? throw new FormatException($"the help of command '{signature[0]}' is not a string");
        }
        var expansion = value switch
        {
            string text => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries),
            IReadOnlyList<object?> list when list.All(w => w is string) => list.Cast<string>().ToArray(),
            _ => throw new FormatException($"command '{signature[0]}' must expand to a string or a list of strings"),
        };
        return new Shortcut(signature[0], parameters, expansion, help);
    }
}
