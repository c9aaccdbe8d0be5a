using System.Text;

namespace Mpyd.Bench.Compiler;

/// <summary>One large module made of the project's own test programs, repeated: the per-byte measurement's input.</summary>
internal static class LargeSource
{
    private static readonly string[] Folders =
        ["Golden/Sources", "Differential/V119Sources", "Differential/VmPrograms"];

    /// <summary>Concatenates the test programs of tests/Compiler.Tests until the text reaches <paramref name="targetBytes"/>.</summary>
    public static byte[] Build(string repoRoot, int targetBytes)
    {
        var parts = new List<byte[]>();
        foreach (var folder in Folders)
        {
            string dir = Path.Combine(repoRoot, "tests/Compiler.Tests", folder);
            foreach (var f in Directory.GetFiles(dir, "*.py").Order(StringComparer.Ordinal))
            {
                string text = File.ReadAllText(f);
                // A second copy of `X = const(...)` would read `1 = const(...)`: such programs are left out.
                if (text.Contains("const(", StringComparison.Ordinal))
                {
                    continue;
                }
                parts.Add(Encoding.UTF8.GetBytes(text.EndsWith('\n') ? text : text + "\n"));
            }
        }
        if (parts.Count == 0)
        {
            throw new InvalidOperationException($"no test programs under {repoRoot}/tests/Compiler.Tests");
        }
        var output = new MemoryStream(targetBytes + 65536);
        while (output.Length < targetBytes)
        {
            foreach (var p in parts)
            {
                output.Write(p);
            }
        }
        return output.ToArray();
    }

    /// <summary>The repository root: the nearest parent of the bench binary holding mpyd.slnx.</summary>
    public static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "mpyd.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("run the bench from inside the repository (mpyd.slnx not found above the binary)");
    }
}
