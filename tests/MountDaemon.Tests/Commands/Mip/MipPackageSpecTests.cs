using System.Text;
using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Commands.Mip;

namespace Mpyd.MountDaemon.Tests.Commands.Mip;

public sealed class MipPackageSpecTests
{
    [Theory]
    [InlineData("aioble", "aioble", null)]
    [InlineData("aioble@1.2.0", "aioble", "1.2.0")]
    [InlineData("github:org/repo@dev", "github:org/repo", "dev")]
    [InlineData("name@", "name", null)]
    public void SplitSeparatesTheVersion(string spec, string package, string? version) =>
        Assert.Equal((package, version), MipPackageSpec.Split(spec));

    [Theory]
    [InlineData("github:org/repo/path/to/package.json", null, "https://raw.githubusercontent.com/org/repo/HEAD/path/to/package.json")]
    [InlineData("github:org/repo/x.py", "v1.0", "https://raw.githubusercontent.com/org/repo/v1.0/x.py")]
    [InlineData("github:org/repo", "main", "https://raw.githubusercontent.com/org/repo/main/")]
    [InlineData("gitlab:org/repo/sub/package.json", null, "https://gitlab.com/org/repo/-/raw/HEAD/sub/package.json")]
    [InlineData("gitlab:org/repo/m.py", "feature", "https://gitlab.com/org/repo/-/raw/feature/m.py")]
    [InlineData("https://example.com/x/package.json", "dev", "https://example.com/x/package.json")]
    [InlineData("http://example.com/m.py", null, "http://example.com/m.py")]
    public void RewriteUrlGivesRawContentUrls(string url, string? branch, string expected) =>
        Assert.Equal(expected, MipPackageSpec.RewriteUrl(url, branch, MipSources.Default));

    [Fact]
    public void RewriteUrlUsesTheGivenHosts()
    {
        var sources = new MipSources("http://127.0.0.1:9/gh", "http://127.0.0.1:9/gl");
        Assert.Equal("http://127.0.0.1:9/gh/o/r/HEAD/p.json", MipPackageSpec.RewriteUrl("github:o/r/p.json", null, sources));
        Assert.Equal("http://127.0.0.1:9/gl/o/r/-/raw/b/p.json", MipPackageSpec.RewriteUrl("gitlab:o/r/p.json", "b", sources));
    }

    [Theory]
    [InlineData("github:org")]
    [InlineData("github:/repo/x")]
    [InlineData("gitlab:")]
    public void RewriteUrlRefusesAFormWithoutARepository(string url) =>
        Assert.Throws<FormatException>(() => MipPackageSpec.RewriteUrl(url, null, MipSources.Default));

    [Theory]
    [InlineData("https://h/x", "https://h/x/package.json")]
    [InlineData("https://h/x/", "https://h/x/package.json")]
    [InlineData("github:o/r", "github:o/r/package.json")]
    [InlineData("https://h/x/other.json", "https://h/x/other.json")]
    public void PackageJsonUrlAppendsPackageJson(string url, string expected) =>
        Assert.Equal(expected, MipPackageSpec.PackageJsonUrl(url));

    [Theory]
    [InlineData("https://h/a/package.json", "b/c.py", "https://h/a/b/c.py")]
    [InlineData("github:o/r/package.json", "m.py", "github:o/r/m.py")]
    [InlineData("https://h/a/package.json", "gitlab:o/r/m.py", "gitlab:o/r/m.py")]
    [InlineData("pkg.json", "m.py", "m.py")]
    public void RelativeUrlsResolveAgainstTheManifest(string manifest, string url, string expected) =>
        Assert.Equal(expected, MipPackageSpec.Resolve(MipPackageSpec.BaseOf(manifest), url));

    [Theory]
    [InlineData("https://h/m.py", true)]
    [InlineData("github:o/r/m.mpy", true)]
    [InlineData("https://h/pkg", false)]
    public void SingleFileSpecsEndInPyOrMpy(string url, bool single) => Assert.Equal(single, MipPackageSpec.IsSingleFile(url));

    [Theory]
    [InlineData(new[] { "", ".frozen", "/lib" }, "/lib")]
    [InlineData(new[] { "", "/rom/lib", "/flash/lib", "/lib" }, "/flash/lib")]
    [InlineData(new[] { "", ".frozen", "/rom/lib" }, null)]
    [InlineData(new[] { "", "/library", "lib" }, null)]
    [InlineData(new string[0], null)]
    public void LibDirectoryIsTheFirstLibEntryOutsideRom(string[] sysPath, string? expected) =>
        Assert.Equal(expected, new MipBoardQuery(sysPath, 6).LibDirectory);

    [Theory]
    [InlineData(6 | (3 << 8), "6")]
    [InlineData(6, "6")]
    [InlineData(5 | (2 << 8), "5")]
    [InlineData(0, "py")]
    [InlineData(3 << 8, "py")]
    public void MpySegmentIsTheLowByteOrPy(int mpy, string expected) => Assert.Equal(expected, new MipBoardQuery([], mpy).MpySegment);

    [Fact]
    public void ManifestParsesAllThreeLists()
    {
        var json = """{"hashes": [["a/b.mpy", "0123abcd"]], "urls": [["c.py", "github:o/r/c.py"]], "deps": [["d", "latest"]], "version": "1.0"}""";
        var package = MipPackageJson.Parse(Encoding.UTF8.GetBytes(json), "x");
        Assert.Equal(["a/b.mpy", "0123abcd"], package.Hashes![0]);
        Assert.Equal(["c.py", "github:o/r/c.py"], package.Urls![0]);
        Assert.Equal(["d", "latest"], package.Deps![0]);
    }

    [Theory]
    [InlineData("not json", "Invalid package file src: ")]
    [InlineData("""{"hashes": [["x.mpy"]]}""", "each \"hashes\" entry is [path, hash]")]
    [InlineData("""{"hashes": [["x.mpy", "zz12"]]}""", "'zz12' is not a hex hash")]
    [InlineData("""{"urls": [["../boot.py", "http://h/b.py"]]}""", "'../boot.py' is not a relative path inside the target")]
    [InlineData("""{"urls": [["/main.py", "http://h/b.py"]]}""", "'/main.py' is not a relative path inside the target")]
    [InlineData("""{"deps": [[1, 2]]}""", "Invalid package file src: ")]
    public void ManifestErrorsNameTheSource(string json, string expected)
    {
        var e = Assert.Throws<CommandException>(() => MipPackageJson.Parse(Encoding.UTF8.GetBytes(json), "src"));
        Assert.StartsWith("Invalid package file src: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
