using Mpyd.Tests.Shared;
using System.Text;
using Mpyd.MountDaemon.Tests.Commands.Mip;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>"mpyd mip install" through the real executable, a local package index and the simulated board.</summary>
public sealed class MipCliTests : IAsyncDisposable
{
    private readonly MipTestServer _server = new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static Dictionary<string, string> NoProxy => new() { ["NO_PROXY"] = "127.0.0.1", ["no_proxy"] = "127.0.0.1" };

    [Fact]
    public async Task Installs_a_package_with_its_dependency_into_lib()
    {
        Publish("greet", [("greet/__init__.py", "from greet.core import hi\n")], deps: [("core", "latest")]);
        Publish("core", [("greet/core.py", "def hi(): return 'hi'\n")]);

        var result = await MpydProcess.RunAsync(
            ["connect", "sim", "mip", "install", "--index", _server.BaseUrl + "/pi", "greet", "+", "ls", ":/lib/greet"], NoProxy);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var stdout = result.Stdout.Replace("\r\n", "\n");
        Assert.Contains("Install greet\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Installing: /lib/greet/__init__.py\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Installing: /lib/greet/core.py\n", stdout, StringComparison.Ordinal);
        Assert.Contains("Done\n", stdout, StringComparison.Ordinal);
        Assert.Contains($"{26,12} __init__.py\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_the_index_does_not_have_is_exit_1()
    {
        var result = await MpydProcess.RunAsync(["connect", "sim", "mip", "install", "--index", _server.BaseUrl + "/pi", "nothere"], NoProxy);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Package may be partially installed", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("mpyd: ", result.Stderr, StringComparison.Ordinal);
    }

    private void Publish(string name, (string Path, string Text)[] files, (string Name, string Version)[]? deps = null)
    {
        var hashes = new List<string[]>();
        foreach (var (path, text) in files)
        {
            var data = Encoding.UTF8.GetBytes(text);
            var hash = MipHarness.ShortHash(data);
            _server.Add($"/pi/file/{hash[..2]}/{hash}", data);
            hashes.Add([path, hash]);
        }
        _server.Add($"/pi/package/6/{name}/latest.json",
            MipHarness.Manifest(hashes: hashes, deps: deps?.Select(d => new[] { d.Name, d.Version })));
    }
}
