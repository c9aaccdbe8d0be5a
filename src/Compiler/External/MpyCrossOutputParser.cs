using System.Globalization;
using System.Text.RegularExpressions;

namespace Mpyd.Compiler.External;

/// <summary>
/// Reads mpy-cross's error output into diagnostics. Understands the traceback form
/// (<c>File "NAME", line N[, in SCOPE]</c> followed by <c>Type: message</c>), the one-line form
/// <c>FILE:LINE: Type: message</c>, and a bare <c>Type: message</c> (no location).
/// </summary>
public static partial class MpyCrossOutputParser
{
    /// <param name="stderr">What mpy-cross wrote.</param>
    /// <param name="inputPath">The temp path given on the command line; replaced by <paramref name="sourceName"/>.</param>
    /// <param name="sourceName">The name the caller knows the source by.</param>
    public static IReadOnlyList<CompileDiagnostic> Parse(string stderr, string inputPath, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var diagnostics = new List<CompileDiagnostic>();
        string? file = null;
        var line = 0;
        foreach (var raw in stderr.Split('\n'))
        {
            var text = raw.TrimEnd('\r');
            if (text.Length == 0 || text.StartsWith("Traceback", StringComparison.Ordinal))
                continue;
            if (TracebackLocation().Match(text) is { Success: true } location)
            {
                file = location.Groups["file"].Value;
                line = int.Parse(location.Groups["line"].Value, CultureInfo.InvariantCulture);
                continue;
            }
            if (OneLine().Match(text) is { Success: true } one)
            {
                diagnostics.Add(new CompileDiagnostic(
                    Rename(one.Groups["file"].Value, inputPath, sourceName),
                    int.Parse(one.Groups["line"].Value, CultureInfo.InvariantCulture),
                    one.Groups["type"].Value,
                    one.Groups["message"].Value));
                continue;
            }
            if (ExceptionLine().Match(text) is { Success: true } exception)
            {
                diagnostics.Add(new CompileDiagnostic(
                    Rename(file ?? sourceName, inputPath, sourceName),
                    line,
                    exception.Groups["type"].Value,
                    exception.Groups["message"].Value));
                file = null;
                line = 0;
            }
        }
        if (diagnostics.Count == 0 && stderr.Trim().Length > 0)
            diagnostics.Add(new CompileDiagnostic(sourceName, 0, "Error", stderr.Trim()));
        return diagnostics;
    }

    private static string Rename(string file, string inputPath, string sourceName) =>
        file == inputPath || file == Path.GetFileName(inputPath) ? sourceName : file;

    [GeneratedRegex("""^\s+File "(?<file>.*)", line (?<line>\d+)""")]
    private static partial Regex TracebackLocation();

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+): (?<type>[A-Za-z_][A-Za-z0-9_]*): ?(?<message>.*)$")]
    private static partial Regex OneLine();

    [GeneratedRegex(@"^(?<type>[A-Za-z_][A-Za-z0-9_]*(Error|Exception|Warning)): ?(?<message>.*)$")]
    private static partial Regex ExceptionLine();
}
