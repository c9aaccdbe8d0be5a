using System.Text.RegularExpressions;
using Mpyd.Protocol.Board;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.Protocol.Tests.RemoteFs;

public partial class BoardProgramOpsTests
{
    [GeneratedRegex(@"\b(?:begin|_req|send)\((\d+)[,)]|\b_path_op\((\d+),")]
    private static partial Regex OpCall();

    private static HashSet<int> OpsUsedBy(string program) =>
        OpCall().Matches(program).Select(m => int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)).ToHashSet();

    [Fact]
    public void Board_program_uses_exactly_the_ops_of_the_table_it_is_written_against()
    {
        int[] expected = [1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        var used = OpsUsedBy(BoardProgram.Source);
        Assert.Equal(expected, used.Order());
        Assert.All(used, op => Assert.True(RemoteFsCodec.IsKnownOp((byte)op) && Enum.IsDefined((RemoteFsOp)op), $"op {op}"));
    }

    [Fact]
    public void Every_op_the_board_program_uses_survives_stripping_for_the_wire()
    {
        Assert.Equal(OpsUsedBy(BoardProgram.Source).Order(), OpsUsedBy(BoardProgram.WireText).Order());
    }

    [Theory]
    [InlineData(RemoteFsOp.Stat, "l.begin(1,")]
    [InlineData(RemoteFsOp.Open, "l.begin(4,")]
    [InlineData(RemoteFsOp.Close, "l.send(5,")]
    [InlineData(RemoteFsOp.Read, "f._req(6,")]
    [InlineData(RemoteFsOp.ReadLine, "f._req(7)")]
    [InlineData(RemoteFsOp.Write, "f._req(8,")]
    [InlineData(RemoteFsOp.Seek, "f._req(9,")]
    [InlineData(RemoteFsOp.Remove, "s._path_op(10,")]
    [InlineData(RemoteFsOp.Rename, "l.begin(11,")]
    [InlineData(RemoteFsOp.MakeDir, "s._path_op(12,")]
    [InlineData(RemoteFsOp.RemoveDir, "s._path_op(13,")]
    [InlineData(RemoteFsOp.StatFs, "l.begin(14,")]
    [InlineData(RemoteFsOp.ListDir, "l.begin(15,")]
    [InlineData(RemoteFsOp.OpenRead, "l.begin(16,")]
    public void Each_op_value_appears_as_a_call_in_the_board_program(RemoteFsOp op, string call)
    {
        Assert.Contains(call, BoardProgram.Source);
        Assert.Contains(((byte)op).ToString(System.Globalization.CultureInfo.InvariantCulture), call);
    }
}
