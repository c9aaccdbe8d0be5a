namespace Mpyd.MountDaemon.Cli.Shortcuts;

/// <summary>
/// A word that stands for other words at command position ("ls" = "fs ls", the user's "double"):
/// mpremote's macros. Parameters are given positionally or as name=value and reach the board as
/// an "exec 'a=1;b=2'" placed before the expansion.
/// </summary>
internal sealed record Shortcut(string Name, IReadOnlyList<ShortcutParameter> Parameters, IReadOnlyList<string> Expansion, string? Help)
{
    /// <summary>"name a b=1", as shown in help and usage errors.</summary>
    public string Signature =>
        string.Join(' ', [Name, .. Parameters.Select(p => p.Default is null ? p.Name : $"{p.Name}={p.Default}")]);

    /// <summary>Replaces the shortcut at <paramref name="at"/> (and the arguments it takes) with its expansion.</summary>
    public void ExpandInto(List<string> words, int at)
    {
        words.RemoveAt(at);
        var assignments = new List<string>();
        foreach (var parameter in Parameters)
        {
            string value;
            var next = at < words.Count ? words[at] : null;
            if (next is not null && next != "+" && !next.Contains('=', StringComparison.Ordinal))
            {
                value = next;
                words.RemoveAt(at);
            }
            else if (next is not null && next.StartsWith(parameter.Name + "=", StringComparison.Ordinal))
            {
                value = next[(parameter.Name.Length + 1)..];
                words.RemoveAt(at);
            }
            else if (parameter.Default is not null)
            {
                value = parameter.Default;
            }
            else
            {
                throw new CommandException($"Command {Name} missing argument {parameter.Name}; signature is: {Signature}");
            }
            assignments.Add($"{parameter.Name}={value}");
        }
        // A name=value left over would otherwise be taken as a command or a path: name the mistake.
        if (Parameters.Count > 0 && at < words.Count && words[at] is var extra && extra.Contains('=', StringComparison.Ordinal)
            && extra.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 && IsIdentifier(extra[..eq]))
            throw new CommandException($"Command {Name} given unexpected argument {extra[..eq]}; signature is: {Signature}");
        words.InsertRange(at, Expansion);
        if (assignments.Count > 0)
            words.InsertRange(at, ["exec", string.Join(';', assignments)]);
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');
}
