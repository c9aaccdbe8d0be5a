namespace Mpyd.DeviceSim.Execution;

/// <summary>Splits a submission that starts with one of our board-side programs, known by its exact wire text.</summary>
internal static class ProgramPrefix
{
    /// <summary>
    /// True when <paramref name="source"/> starts with <paramref name="wireText"/>; <paramref name="rest"/> is
    /// what follows it, padded with blank lines so that line numbers stay those of the whole submission.
    /// </summary>
    public static bool TrySplit(string source, string wireText, out string rest)
    {
        var wire = wireText.TrimEnd('\n');
        var s = source.Replace("\r\n", "\n");
        rest = "";
        if (!s.StartsWith(wire, StringComparison.Ordinal) || (s.Length > wire.Length && s[wire.Length] != '\n'))
            return false;
        rest = new string('\n', wire.Count(c => c == '\n')) + s[wire.Length..];
        return true;
    }
}
