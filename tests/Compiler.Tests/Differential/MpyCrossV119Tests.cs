using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Tests.Support;

namespace Mpyd.Compiler.Tests.Differential;

/// <summary>
/// Differential test: our compiler (mpy-cross v1.28.0 compatible) against mpy-cross v1.19 compiled to
/// WebAssembly (npm @pybricks/mpy-cross-v6 2.0.0), byte for byte, on our own sources in V119Sources.
/// </summary>
/// <remarks>
/// Both emit .mpy v6, and with these options and sources they agree exactly: the 4-byte header (byte 2 is 0
/// for bytecode-only files, -march or not; byte 3 the small-int bits), qstr and constant tables, line-number
/// tables, and the bytecode of assignments, int/str/bytes/float/big-int literals, int constant folding,
/// arithmetic/bitwise/comparison/boolean operators, if/elif/else, while/for (+else, break, continue),
/// functions (defaults, *args, **kwargs, keyword-only, closures, nonlocal, global, lambdas, decorators),
/// classes (inheritance, super(), staticmethod/classmethod/property), generators (yield, yield from, send),
/// list/dict/set comprehensions and generator expressions, try/except/else/finally when no block ends in a
/// return/raise/break/continue, with (also several items), f-strings with format specs, % and format,
/// slices, star unpacking, async def + await, walrus, micropython.const, assert, -O1..-O3, -march, -msmall-int-bits.
///
/// Where they differ (so the sources here avoid it):
/// - Code after a block that ends in return/raise/continue/break: v1.19 still emits the jump out of the block
///   (POP_EXCEPT_JUMP after a try body or handler ending in raise/return, JUMP after an if-branch ending in raise),
///   the LOAD_CONST_NONE that enters a finally/with cleanup after a return or continue, and the final
///   LOAD_CONST_NONE RETURN_VALUE after a trailing raise; v1.28 leaves that dead code out.
/// - async for: v1.28 keeps the iterator on the stack (DUP_TOP, one more n_state), v1.19 in a hidden local.
/// - float constant folding (2.0 * 3.0, 1.0 / 4, -2.5): v1.28 folds, v1.19 emits the operation (UNARY_OP for -2.5),
///   so a tuple of floats with a negative one is one constant in v1.28 and a BUILD_TUPLE in v1.19.
/// - small-int limits: -0x40000000 (31 bits) and 2**40 (-msmall-int-bits=63) are LOAD_CONST_SMALL_INT in v1.28,
///   constant objects in v1.19.
/// - f-string conversions (f"{x!r}"): v1.19 rejects them with SyntaxError.
/// </remarks>
public sealed class MpyCrossV119Tests(MpyCrossV119Fixture fixture) : IClassFixture<MpyCrossV119Fixture>
{
    /// <summary>One mpy-cross command line and the equivalent options of ours.</summary>
    public sealed record OptionSet(string Name, string[] Arguments, CompileOptions Options);

    internal static readonly OptionSet[] OptionSets =
    [
        new("default", [], CompileOptions.Default),
        new("O3", ["-O3"], new CompileOptions(3)),
        new("O1-armv6m", ["-O1", "-march=armv6m"], new CompileOptions(1, "armv6m")),
        new("sib15-x64", ["-msmall-int-bits=15", "-march=x64"], new CompileOptions(0, "x64", 15)),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(MpyCrossV119Fixture.SourceDirectory, "*.py").Order(StringComparer.Ordinal))
        {
            foreach (var set in OptionSets)
                data.Add(Path.GetFileName(file), set.Name);
        }
        return data;
    }

    [Fact]
    public void HasSources() => Assert.True(Cases().Count >= 15 * OptionSets.Length);

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameBytesAsMpyCrossV119(string sourceName, string optionSet)
    {
        var set = OptionSets.Single(s => s.Name == optionSet);
        var source = File.ReadAllBytes(Path.Combine(MpyCrossV119Fixture.SourceDirectory, sourceName));
        var expected = fixture.V119Output(optionSet, sourceName);

        var result = new NativeMpyCompiler().Compile(source, sourceName, set.Options);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var actual = result.Mpy!;
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var diff = GoldenFiles.Diff(MpyDisassembler.Disassemble(expected), MpyDisassembler.Disassemble(actual));
            if (diff.Length == 0)
                diff = $"- {Convert.ToHexString(expected)}\n+ {Convert.ToHexString(actual)}\n";
            Assert.Fail($"{sourceName} ({optionSet}) differs from mpy-cross v1.19 (- v1.19, + ours):\n{diff}");
        }
    }
}
