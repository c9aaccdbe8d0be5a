using Mpyd.Compiler.Tests.Support;

namespace Mpyd.Compiler.Tests;

/// <summary>Each Golden/Errors source fails with the exception type, message and line the reference reports (Golden/Errors/expected.txt).</summary>
public sealed class ErrorFixtureTests
{
    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(GoldenFiles.Root, "Errors", "expected.txt")))
        {
            if (line.Length > 0)
            {
                data.Add(line[..line.IndexOf(':', StringComparison.Ordinal)], line);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Error_MatchesReference(string file, string expected)
    {
        var source = File.ReadAllBytes(Path.Combine(GoldenFiles.Root, "Errors", file));

        var result = new NativeMpyCompiler().Compile(source, file, CompileOptions.Default);

        Assert.False(result.Success);
        Assert.Equal(expected, result.Diagnostics[0].ToString());
    }
}
