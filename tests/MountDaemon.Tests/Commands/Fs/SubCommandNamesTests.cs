using Mpyd.MountDaemon.Commands.Fs;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class SubCommandNamesTests
{
    [Theory]
    [InlineData("sha256sum", "sha256")]
    [InlineData("sha1sum", "sha1")]
    [InlineData("md5sum", "md5")]
    [InlineData("foosum", null)]
    [InlineData("sum", null)]
    [InlineData("ls", null)]
    public void HashSumsNeedADigitBeforeSum(string command, string? algorithm) =>
        Assert.Equal(algorithm, FsCommand.HashAlgorithmOf(command));

    [Theory]
    [InlineData("ls", true)]
    [InlineData("cp", true)]
    [InlineData("df", true)]
    [InlineData("tree", true)]
    [InlineData("md5sum", true)]
    [InlineData("edit", false)]
    [InlineData("foosum", false)]
    public void KnownSubCommands(string command, bool known) => Assert.Equal(known, FsCommand.IsSubCommand(command));
}
