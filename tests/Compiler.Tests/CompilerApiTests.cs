using System.Text;
using Mpyd.Compiler.Mpy;

namespace Mpyd.Compiler.Tests;

public sealed class CompilerApiTests
{
    private static readonly NativeMpyCompiler Compiler = new();

    [Fact]
    public void Identity_NamesTheReferenceVersion() =>
        Assert.Matches(@"^mpyd-native \S+ \(mpy-cross v1\.28\.0 compatible\)$", Compiler.Identity);

    [Fact]
    public async Task CompileAsync_ReturnsMpyBytes()
    {
        var r = await Compiler.CompileAsync(Encoding.UTF8.GetBytes("print('hi')\n"), "hello.py", CompileOptions.Default, CancellationToken.None);

        Assert.True(r.Success);
        Assert.Empty(r.Diagnostics);
        Assert.Equal(new byte[] { (byte)'M', 6, 0, 31 }, r.Mpy![..4]);
    }

    [Fact]
    public async Task CompileAsync_HonoursCancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await Compiler.CompileAsync(Encoding.UTF8.GetBytes("x = 1\n"), "x.py", CompileOptions.Default, cts.Token));
    }

    [Fact]
    public void Failure_IsLocatedLikeMpyCross()
    {
        var r = Compiler.Compile(Encoding.UTF8.GetBytes("def f():\n    return\nreturn 1\n"), "sub\\bad.py", CompileOptions.Default);

        Assert.False(r.Success);
        Assert.Equal("sub/bad.py:3: SyntaxError: 'return' outside function", Assert.Single(r.Diagnostics).ToString());
    }

    [Fact]
    public void NativeDecorator_IsRejectedWithANoteNamingTheFunction()
    {
        var r = Compiler.Compile(Encoding.UTF8.GetBytes("x = 1\n\n@micropython.native\ndef fast(a):\n    return a\n"), "n.py", CompileOptions.Default);

        Assert.False(r.Success);
        Assert.Equal("n.py:3: SyntaxError: invalid arch", r.Diagnostics[0].ToString());
        Assert.Contains("'fast'", r.Diagnostics[1].Message, StringComparison.Ordinal);
        Assert.Equal(3, r.Diagnostics[1].Line);
    }

    [Fact]
    public void Architecture_IsAcceptedForBytecodeOnlySources()
    {
        var plain = Compiler.Compile(Encoding.UTF8.GetBytes("x = 1\n"), "a.py", CompileOptions.Default);
        var withArch = Compiler.Compile(Encoding.UTF8.GetBytes("x = 1\n"), "a.py", new CompileOptions(Architecture: "armv7m"));

        Assert.Equal(plain.Mpy, withArch.Mpy);
    }

    [Fact]
    public void DeepNesting_CompilesWithoutOverflowingTheStack()
    {
        const int depth = 3000;
        var source = "x = " + new string('[', depth) + "1" + new string(']', depth) + "\n";

        var r = Compiler.Compile(Encoding.UTF8.GetBytes(source), "deep.py", CompileOptions.Default);

        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        Assert.Equal(depth, MpyDisassembler.Disassemble(r.Mpy).Split('\n').Count(l => l.EndsWith("BUILD_LIST 1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Disassembler_RejectsNonMpyData() =>
        Assert.Throws<InvalidDataException>(() => MpyDisassembler.Disassemble("hello"u8));

    [Fact]
    public void Disassembler_ShowsTablesAndInstructions()
    {
        var r = Compiler.Compile(Encoding.UTF8.GetBytes("import sys\nN = 1 << 40\n"), "ex.py", CompileOptions.Default);

        var text = MpyDisassembler.Disassemble(r.Mpy);

        Assert.Contains("qstr table: ['ex.py', '<module>', 'sys', 'N']", text, StringComparison.Ordinal);
        Assert.Contains("const table: [1099511627776]", text, StringComparison.Ordinal);
        Assert.Contains("IMPORT_NAME sys", text, StringComparison.Ordinal);
    }
}
