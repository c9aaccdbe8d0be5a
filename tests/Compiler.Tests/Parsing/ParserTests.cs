using System.Text;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler.Tests.Parsing;

public sealed class ParserTests
{
    private static ParseNode? Parse(string source) =>
        new Parser(new Lexer(Encoding.Latin1.GetBytes(source), 0), new HashSet<string>(Mpyd.Compiler.Mpy.StaticQstrs.LongInterned), 31).ParseFile();

    /// <summary>The right-hand side of the single assignment statement in <paramref name="source"/>.</summary>
    private static string Rhs(string source) => Parse(source)![1]!.ToString();

    [Theory]
    [InlineData("x = 1 + 2*3\n", "7")]
    [InlineData("x = -2 ** 2\n", "-4")]
    [InlineData("x = 2 ** 30 - 1\n", "1073741823")]
    [InlineData("x = 2 ** 30\n", "const 1073741824")]
    [InlineData("x = 1 / 0\n", "term(line 1: 1, tok OpSlash, 0)")]
    [InlineData("x = 1 + 2j\n", "arith_expr(line 1: 1, tok OpPlus, const PyComplex { Real = 0, Imag = 2 })")]
    [InlineData("x = not 1\n", "tok KwFalse")]
    [InlineData("x = z or 0 or v\n", "or_test(line 1: id z, id v)")]
    [InlineData("x = True + 1\n", "arith_expr(line 1: tok KwTrue, tok OpPlus, 1)")]
    public void ConstantFolding_FollowsTheReference(string source, string expected) => Assert.Equal(expected, Rhs(source));

    [Fact]
    public void ConstTuple_IsBuiltForAllConstantDisplays()
    {
        var rhs = Parse("x = 7 // -2, -7 % 3, 7 / 2\n")![1]!;

        Assert.Equal(NodeKind.ConstObject, rhs.Kind);
        Assert.Equal(3, ((Mpyd.Compiler.Values.PyTuple)rhs.Value!).Items.Length);
    }

    [Fact]
    public void ListDisplay_IsNeverFolded() => Assert.StartsWith("atom_bracket", Rhs("x = [1, 2]\n"), StringComparison.Ordinal);

    [Fact]
    public void ConstDefinition_IsSubstitutedLater()
    {
        var root = Parse("from micropython import const\nX = const(1)\ny = X + 1\n")!;

        Assert.Equal("2", root[2]![1]!.ToString());
    }

    [Fact]
    public void PrivateConst_BecomesPassWithLineZero()
    {
        var root = Parse("_X = const(5)\ny = _X\n")!;

        Assert.Equal("pass_stmt(line 0: )", root[0]!.ToString());
        Assert.Equal("5", root[1]![1]!.ToString());
    }

    [Fact]
    public void LonelyConstants_BecomePass() =>
        Assert.All(Parse("'doc'\n1\nNone\n(1, 2)\n")!.Children, c => Assert.True(c!.IsStructOf(RuleId.pass_stmt)));

    [Fact]
    public void ShortStrings_AreLeavesAndLongOnesObjects()
    {
        var root = Parse("a = 'short'\nb = 'a_longer_literal'\nc = 'NotImplementedError'\n")!;

        Assert.Equal(NodeKind.Str, root[0]![1]!.Kind);
        Assert.Equal(NodeKind.ConstObject, root[1]![1]!.Kind);
        Assert.Equal(NodeKind.Str, root[2]![1]!.Kind);
    }

    [Theory]
    [InlineData("x = (1\n", "SyntaxError", "invalid syntax", 2)]
    [InlineData("x = 0777\n", "SyntaxError", "invalid syntax for integer with base 0: '0777'", 1)]
    [InlineData("X = const(a)\n", "SyntaxError", "not a constant", 1)]
    [InlineData("x = 1\n  y = 2\n", "IndentationError", "unexpected indent", 2)]
    public void Errors_CarryTypeMessageAndLine(string source, string type, string message, int line)
    {
        var e = Assert.Throws<CompileErrorException>(() => Parse(source));

        Assert.Equal(type, e.ExceptionType);
        Assert.Equal(message, e.Message);
        Assert.Equal(line, e.Line);
    }
}
