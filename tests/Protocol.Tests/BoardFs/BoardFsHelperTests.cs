using Mpyd.Protocol.BoardFs;

namespace Mpyd.Protocol.Tests.BoardFs;

public class BoardFsHelperTests
{
    [Fact]
    public void Every_function_the_host_calls_is_defined_in_the_helper()
    {
        foreach (var name in BoardFsHelper.FunctionNames)
            Assert.Contains($"def {name}(", BoardFsHelper.WireText, StringComparison.Ordinal);
        Assert.Contains($"def {BoardFsHelper.MarkerName}(", BoardFsHelper.WireText, StringComparison.Ordinal);
        Assert.Contains($"'{BoardFsHelper.TempSuffix}'", BoardFsHelper.WireText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wire_text_has_no_comments_blank_lines_or_control_bytes()
    {
        var wire = BoardFsHelper.WireText;
        Assert.DoesNotContain(wire.Split('\n'), l => l.TrimStart().StartsWith('#'));
        Assert.DoesNotContain("\n\n", wire, StringComparison.Ordinal);
        Assert.DoesNotContain(wire, c => c is >= '\x01' and <= '\x04');
        // Small: it stays in the board's RAM.
        Assert.True(wire.Length < 3000, $"the helper is {wire.Length} bytes on the wire");
    }
}
