using Mpyd.MountDaemon.Commands.Fs;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class BoardPathTests
{
    [Theory]
    [InlineData("", new[] { "package", "x.py" }, "./package/x.py")] // mpremote's "Up to date: ./package/x.py"
    [InlineData("aaa", new[] { "a.py" }, "aaa/a.py")]
    [InlineData("aaa/", new[] { "/a.py/" }, "aaa/a.py")]
    [InlineData("/", new[] { "flash" }, "/flash")]
    [InlineData("/remote", new string[0], "/remote")]
    public void JoinFollowsMpremote(string directory, string[] parts, string expected) =>
        Assert.Equal(expected, BoardPath.Join(directory, parts));

    [Theory]
    [InlineData("a/b/c.py", "a/b", "c.py")]
    [InlineData("c.py", "", "c.py")]
    [InlineData("/lib", "/", "lib")]
    [InlineData("/lib/x", "/lib", "x")]
    public void DirectoryAndName(string path, string directory, string name)
    {
        Assert.Equal(directory, BoardPath.Directory(path));
        Assert.Equal(name, BoardPath.Name(path));
    }

    [Theory]
    [InlineData("/remote", "", "/remote")]
    [InlineData("/remote", ".", "/remote")]
    [InlineData("/remote", "lib/../x", "/remote/x")]
    [InlineData("/remote/lib", "..", "/remote")]
    [InlineData("/", "remote//pkg/", "/remote/pkg")]
    [InlineData("/flash", "/remote/./a", "/remote/a")]
    [InlineData("/", "../..", "/")]
    public void AbsoluteResolvesAgainstTheCwd(string cwd, string path, string expected) =>
        Assert.Equal(expected, BoardPath.Absolute(cwd, path));

    [Theory]
    [InlineData("/remote", true)]
    [InlineData("/remote/lib", true)]
    [InlineData("/", true)]
    [InlineData("/remotes", false)]
    [InlineData("/flash/remote", false)]
    [InlineData("/flash", false)]
    public void OverlapsCatchesTheMountPointItselfAndWhatContainsIt(string path, bool expected) =>
        Assert.Equal(expected, BoardPath.Overlaps(path, "/remote"));

    [Fact]
    public void CodePointOrderMatchesPython()
    {
        // U+FF21 (BMP, above the surrogates) sorts before U+1F600 by code point, after it by UTF-16 unit.
        string[] names = ["\U0001F600", "\uFF21", "b", "B", "a.py", "a"];
        var sorted = names.Order(Comparer<string>.Create(BoardPath.CompareCodePoints)).ToArray();
        Assert.Equal(["B", "a", "a.py", "b", "\uFF21", "\U0001F600"], sorted);
    }
}
