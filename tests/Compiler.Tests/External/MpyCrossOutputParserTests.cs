using Mpyd.Compiler.External;

namespace Mpyd.Compiler.Tests.External;

public sealed class MpyCrossOutputParserTests
{
    [Fact]
    public void ParsePhaseTracebackUsesTheSourceNameForTheTempInput()
    {
        var stderr = "Traceback (most recent call last):\n  File \"/tmp/x/1/mod.py\", line 3\nSyntaxError: invalid syntax\n";
        Assert.Equal(
            [new CompileDiagnostic("pkg/mod.py", 3, "SyntaxError", "invalid syntax")],
            MpyCrossOutputParser.Parse(stderr, "/tmp/x/1/mod.py", "pkg/mod.py"));
    }

    [Fact]
    public void CompilePhaseTracebackWithScope()
    {
        var stderr = "Traceback (most recent call last):\r\n  File \"pkg/mod.py\", line 7, in f\r\nSyntaxError: 'return' outside function\r\n";
        Assert.Equal(
            [new CompileDiagnostic("pkg/mod.py", 7, "SyntaxError", "'return' outside function")],
            MpyCrossOutputParser.Parse(stderr, "/tmp/in.py", "pkg/mod.py"));
    }

    [Fact]
    public void OneLineForm()
    {
        Assert.Equal(
            [new CompileDiagnostic("pkg/mod.py", 4, "IndentationError", "unexpected indent")],
            MpyCrossOutputParser.Parse("/tmp/in.py:4: IndentationError: unexpected indent\n", "/tmp/in.py", "pkg/mod.py"));
    }

    [Fact]
    public void UnlocatedError()
    {
        Assert.Equal(
            [new CompileDiagnostic("m.py", 0, "RuntimeError", "name too long")],
            MpyCrossOutputParser.Parse("RuntimeError: name too long\n", "/tmp/in.py", "m.py"));
    }

    [Fact]
    public void UnrecognisedTextIsKeptWhole()
    {
        var diagnostic = Assert.Single(MpyCrossOutputParser.Parse("mpy-cross: cannot open file\n", "/tmp/in.py", "m.py"));
        Assert.Equal("mpy-cross: cannot open file", diagnostic.Message);
        Assert.Empty(MpyCrossOutputParser.Parse("", "/tmp/in.py", "m.py"));
    }
}
