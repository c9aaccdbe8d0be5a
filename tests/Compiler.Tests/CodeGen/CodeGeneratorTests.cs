using System.Text;
using Mpyd.Compiler.Mpy;

namespace Mpyd.Compiler.Tests.CodeGen;

/// <summary>Code generation facts checked through the disassembly of small sources (expected values from the reference).</summary>
public sealed class CodeGeneratorTests
{
    private static byte[] Compile(string source, CompileOptions? options = null)
    {
        var r = new NativeMpyCompiler().Compile(Encoding.UTF8.GetBytes(source), "t.py", options ?? CompileOptions.Default);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        return r.Mpy!;
    }

    private static string Dis(string source, CompileOptions? options = null) => MpyDisassembler.Disassemble(Compile(source, options));

    [Theory]
    [InlineData(-17, "6f")]
    [InlineData(64, "80 40")]
    [InlineData(-65, "ff 3f")]
    [InlineData(8192, "80 c0 00")]
    [InlineData(-8193, "ff bf 7f")]
    [InlineData(1073741823, "83 ff ff ff 7f")]
    [InlineData(-1073741824, "fc 80 80 80 00")]
    public void SmallIntOperand_UsesSignedVarint(long value, string hex)
    {
        var mpy = Compile($"x = {value}\n");
        var expected = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
        var needle = new byte[] { 0x22 }.Concat(expected).ToArray();

        Assert.True(mpy.AsSpan().IndexOf(needle) > 0, Convert.ToHexString(mpy));
    }

    [Fact]
    public void StarParameterMove_ReordersKeywordOnlySlots()
    {
        var dis = Dis("def f(a, *args, c, d, e, **kw):\n    pass\n");

        Assert.Contains("arg names: ['a', 'e', 'c', 'd']", dis, StringComparison.Ordinal);
        Assert.Contains("flags=0x06 n_pos_args=1 n_kwonly_args=3", dis, StringComparison.Ordinal);
    }

    [Fact]
    public void Closure_FreeVariablesComeFirstAndAreNamedStar()
    {
        var dis = Dis("def counter(start):\n    n = start\n    def step(k=1):\n        nonlocal n\n        n += k\n        return n\n    return step\n");

        Assert.Contains("MAKE_CLOSURE_DEFARGS child 0, 1 closed", dis, StringComparison.Ordinal);
        Assert.Contains("arg names: ['*', 'k']", dis, StringComparison.Ordinal);
        Assert.Contains("arg names: ['start']   cells: [2]", dis, StringComparison.Ordinal);
    }

    [Fact]
    public void QstrTable_FollowsPassOrder()
    {
        var dis = Dis("a = 1\nb.c = 2\n");

        Assert.Contains("qstr table: ['t.py', '<module>', 'c', 'a', 'b']", dis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29, 2, "4bff00")]
    [InlineData(28, 3, "4b7e")]
    public void ForLoop_JumpForm_FollowsThePassRelaxation(int fourByteStatements, int threeByteStatements, string forIter)
    {
        // A 124-byte body looks 128 bytes away in pass 3, so FOR_ITER stays long (mpy-format spec 3.6); 123 bytes fits.
        var source = new StringBuilder("for x in it:\n");
        for (int i = 0; i < fourByteStatements; i++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"    y{i % 10} = x\n");
        }
        for (int i = 0; i < threeByteStatements; i++)
        {
            source.Append(System.Globalization.CultureInfo.InvariantCulture, $"    z = {i}\n");
        }

        var hex = Convert.ToHexString(Compile(source.ToString())).ToLowerInvariant();

        Assert.Contains("5f" + forIter, hex, StringComparison.Ordinal);
    }

    [Fact]
    public void OptimisationLevel3_DropsAssertsAndLineTable()
    {
        var dis = Dis("def f(x):\n    assert x\n    return x\n", new CompileOptions(3));

        Assert.DoesNotContain("AssertionError", dis, StringComparison.Ordinal);
        Assert.Contains("line events (offset:line): none", dis, StringComparison.Ordinal);
    }

    [Fact]
    public void RangeLoop_IsSpecialised()
    {
        var dis = Dis("for i in range(n):\n    pass\n");

        Assert.DoesNotContain("GET_ITER", dis, StringComparison.Ordinal);
        Assert.Contains("DUP_TOP_TWO", dis, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassUsingSuper_ReturnsItsClassCell()
    {
        var dis = Dis("class B(A):\n    def __init__(self):\n        super().__init__()\n");

        Assert.Contains("LOAD_SUPER_METHOD __init__", dis, StringComparison.Ordinal);
        Assert.Contains("cells: [0]", dis, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallIntBits_ChangeTheHeaderAndTheObjectThreshold()
    {
        var mpy = Compile("x = 1073741824\n", new CompileOptions(SmallIntBits: 63));

        Assert.Equal(63, mpy[3]);
        Assert.Contains("LOAD_CONST_SMALL_INT 1073741824", MpyDisassembler.Disassemble(mpy), StringComparison.Ordinal);
    }
}
