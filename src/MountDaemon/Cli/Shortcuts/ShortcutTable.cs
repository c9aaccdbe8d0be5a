using System.Diagnostics.CodeAnalysis;

namespace Mpyd.MountDaemon.Cli.Shortcuts;

/// <summary>The shortcuts known at command position: mpremote's built-ins, overridden by the user's.</summary>
internal sealed class ShortcutTable
{
    private readonly Dictionary<string, Shortcut> _byName;

    private ShortcutTable(Dictionary<string, Shortcut> byName) => _byName = byName;

    public static ShortcutTable BuiltIn { get; } = new(BuiltInShortcuts.All().ToDictionary(s => s.Name, StringComparer.Ordinal));

    /// <summary>The user's shortcuts, in the order they were defined (help lists them so).</summary>
    public IReadOnlyList<Shortcut> User { get; private init; } = [];

    public IEnumerable<Shortcut> All => _byName.Values;

    public bool TryGet(string word, [NotNullWhen(true)] out Shortcut? shortcut) => _byName.TryGetValue(word, out shortcut);

    /// <summary>This table with <paramref name="user"/> added; a user shortcut replaces a built-in of the same name.</summary>
    public ShortcutTable With(IReadOnlyList<Shortcut> user)
    {
        var byName = new Dictionary<string, Shortcut>(_byName, StringComparer.Ordinal);
        foreach (var shortcut in user)
            byName[shortcut.Name] = shortcut;
        return new ShortcutTable(byName) { User = [.. User, .. user] };
    }
}
