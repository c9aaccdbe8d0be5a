using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Tests.Support;

namespace Mpyd.Compiler.Tests;

/// <summary>
/// Our own sources under Golden/Sources compiled in process must equal, byte for byte, the .mpy the reference
/// mpy-cross v1.28.0 produced (Golden/Expected/*.mpy, committed test data); the disassembly is kept as readable text.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(GoldenFiles.Root, "Sources"), "*.py").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Output_IsByteIdenticalWithReference(string name)
    {
        var (source, options) = Load(name);
        var result = new NativeMpyCompiler().Compile(source, name + ".py", options);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var expected = File.ReadAllBytes(Path.Combine(GoldenFiles.Root, "Expected", name + ".mpy"));
        if (!expected.AsSpan().SequenceEqual(result.Mpy))
        {
            Assert.Fail("bytes differ from mpy-cross:\n" + GoldenFiles.Diff(MpyDisassembler.Disassemble(expected), MpyDisassembler.Disassemble(result.Mpy)));
        }
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Disassembly_MatchesGoldenText(string name)
    {
        var (source, options) = Load(name);
        var result = new NativeMpyCompiler().Compile(source, name + ".py", options);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        GoldenFiles.AssertText(Path.Combine(GoldenFiles.Root, "Expected", name + ".dis"), MpyDisassembler.Disassemble(result.Mpy));
    }

    /// <summary>Reads a source; a first line "# mpy-cross: -O3 -msmall-int-bits=63" gives the options it was compiled with.</summary>
    private static (byte[] Source, CompileOptions Options) Load(string name)
    {
        var source = File.ReadAllBytes(Path.Combine(GoldenFiles.Root, "Sources", name + ".py"));
        var firstLine = System.Text.Encoding.UTF8.GetString(source).Split('\n')[0];
        var options = CompileOptions.Default;
        const string marker = "# mpy-cross: ";
        if (firstLine.StartsWith(marker, StringComparison.Ordinal))
        {
            foreach (var opt in firstLine[marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (opt.StartsWith("-O", StringComparison.Ordinal))
                {
                    options = options with { OptimizationLevel = opt[2] - '0' };
                }
                else if (opt.StartsWith("-msmall-int-bits=", StringComparison.Ordinal))
                {
                    options = options with { SmallIntBits = int.Parse(opt["-msmall-int-bits=".Length..], System.Globalization.CultureInfo.InvariantCulture) };
                }
            }
        }
        return (source, options);
    }
}
