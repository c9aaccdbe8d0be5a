namespace Mpyd.Compiler.Tests.Differential;

/// <summary>The npm install step the differential tests rely on: a real npm, on folders of our own.</summary>
public sealed class NodeToolsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mpyd-node-tools-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AFailedInstallSaysWhichCommandFailed()
    {
        // A broken package.json makes npm fail locally, without asking the registry anything.
        File.WriteAllText(Path.Combine(_dir, "package.json"), "{ this is not json");

        var ex = Assert.Throws<InvalidOperationException>(() => NodeTools.EnsureInstalled(_dir, "some-package/index.js"));

        Assert.Contains($"npm install --prefix {_dir} --no-audit --no-fund", ex.Message, StringComparison.Ordinal);
        Assert.Contains("failed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInstalledPackageIsLeftAlone()
    {
        // A broken package.json again: npm would fail, so no error shows it was not run.
        File.WriteAllText(Path.Combine(_dir, "package.json"), "{ this is not json");
        var probe = Path.Combine(_dir, "node_modules", "pkg", "index.js");
        Directory.CreateDirectory(Path.GetDirectoryName(probe)!);
        File.WriteAllText(probe, "");

        var error = Record.Exception(() => NodeTools.EnsureInstalled(_dir, "pkg/index.js"));

        Assert.Null(error);
    }
}
