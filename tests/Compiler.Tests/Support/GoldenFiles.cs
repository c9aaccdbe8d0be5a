using System.Runtime.CompilerServices;
using System.Text;

namespace Mpyd.Compiler.Tests.Support;

/// <summary>Locates golden data (in the source tree, so UPDATE_GOLDENS=1 rewrites the committed files) and compares text with a readable diff.</summary>
internal static class GoldenFiles
{
    public static string Root { get; } = Path.Combine(ThisDirectory(), "..", "Golden");

    public static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1";

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Compares <paramref name="actual"/> with the golden text file, or rewrites it when UPDATE_GOLDENS=1.</summary>
    public static void AssertText(string path, string actual)
    {
        if (Update || !File.Exists(path))
        {
            if (!Update)
            {
                Assert.Fail($"golden file {path} is missing; run with UPDATE_GOLDENS=1 to create it");
            }
            File.WriteAllText(path, actual);
            return;
        }
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"{Path.GetFileName(path)} differs (UPDATE_GOLDENS=1 regenerates it):\n{Diff(expected, actual)}");
        }
    }

    public static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.Max(e.Length, a.Length) && shown < 20; i++)
        {
            string el = i < e.Length ? e[i] : "<missing>";
            string al = i < a.Length ? a[i] : "<missing>";
            if (el != al)
            {
                sb.Append("line ").Append(i + 1).Append(":\n  - ").Append(el).Append("\n  + ").Append(al).Append('\n');
                shown++;
            }
        }
        return sb.ToString();
    }
}
