using Mpyd.MountDaemon.Commands.Fs;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class ListingFormatTests
{
    [Fact]
    public void LsLinesAreRightAlignedInTwelveColumnsWithSlashForDirectories()
    {
        Assert.Equal("          30 a.py", ListingFormat.LsLine(new BoardEntry("a.py", false, 30)));
        Assert.Equal("           0 aaa/", ListingFormat.LsLine(new BoardEntry("aaa", true, 0)));
        Assert.Equal("1234567890123 big.bin", ListingFormat.LsLine(new BoardEntry("big.bin", false, 1234567890123)));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(20, "20")]
    [InlineData(1023, "1023")]
    [InlineData(1024, "1.0K")]
    [InlineData(1096, "1.1K")]
    [InlineData(2192, "2.1K")]
    [InlineData(1048576, "1.0M")]
    [InlineData(1610612736, "1.5G")]
    [InlineData(5L << 50, "5120.0T")]
    public void HumanSizesAsMpremote(long size, string expected) => Assert.Equal(expected, ListingFormat.HumanSize(size));

    [Fact]
    public void TreeLinesCarrySizesExceptForEmptyDirectories()
    {
        var file = new BoardEntry("file3.txt", false, 1096);
        var directory = new BoardEntry("data", true, 0);
        Assert.Equal("├── file3.txt", ListingFormat.TreeLine("", false, file, TreeSizes.None));
        Assert.Equal("│   └── [     1096]  file3.txt", ListingFormat.TreeLine("│   ", true, file, TreeSizes.Bytes));
        Assert.Equal("    ├── [  1.1K]  file3.txt", ListingFormat.TreeLine("    ", false, file, TreeSizes.Human));
        Assert.Equal("├── data", ListingFormat.TreeLine("", false, directory, TreeSizes.Bytes));
        Assert.Equal("└── [     4096]  sized", ListingFormat.TreeLine("", true, new BoardEntry("sized", true, 4096), TreeSizes.Bytes));
        Assert.Equal("├── [        0]  a.py", ListingFormat.TreeLine("", false, new BoardEntry("a.py", false, 0), TreeSizes.Bytes));
        Assert.Equal("│   ", ListingFormat.ChildPrefix("", false));
        Assert.Equal("│       ", ListingFormat.ChildPrefix("│   ", true));
    }

    [Fact]
    public void DfTableAsMpremotesMacroPrintsIt()
    {
        Assert.Equal("filesystem     size     used    avail use% mounted on", ListingFormat.DfHeader());
        Assert.Equal("<VfsLfs2>   2097152    16384  2080768    0 /",
            ListingFormat.DfRow("<VfsLfs2>", new BoardFsUsage("/", 2097152, 16384, 2080768)));
        // use% is rounded down, and avail is size minus used.
        Assert.Equal("<VfsFat>      25600    25088      512   98 /ramdisk",
            ListingFormat.DfRow("<VfsFat>", new BoardFsUsage("/ramdisk", 25600, 25088, 0)));
    }
}
