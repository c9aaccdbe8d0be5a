namespace Mpyd.VmBoard.Tests;

public sealed class VmBoardLauncherTests
{
    [Fact]
    public void Missing_npm_package_names_the_command_to_run()
    {
        var dir = Directory.CreateTempSubdirectory("mpyd-vm-empty-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "board.mjs"), "");
            var e = Assert.Throws<InvalidOperationException>(() => TestKit.VmBoard.Start(dir));
            Assert.Contains("npm install --prefix tests/vm-board", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Board_directory_is_found_above_the_test_binaries()
    {
        var dir = TestKit.VmBoard.FindBoardDirectory();
        Assert.True(File.Exists(Path.Combine(dir, "board.mjs")));
        Assert.True(File.Exists(Path.Combine(dir, "package.json")));
    }
}
