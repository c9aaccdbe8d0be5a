using Mpyd.MountDaemon.Cli;
using Mpyd.MountDaemon.Hosting;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>
/// One "mip install" step: resolves each spec (index name, URL, github:/gitlab:, local .json), installs
/// its files and, recursively, its dependencies - each package once per step.
/// </summary>
/// <param name="index">The index URL without a trailing '/'.</param>
/// <param name="mpySegment">The index path's &lt;mpy&gt; segment ("6", or "py"); asked only when an index package is installed.</param>
internal sealed class MipInstallRun(MipFetcher fetcher, MipBoardTarget board, MipSources sources, IBoardConsole console, string index,
    Func<CancellationToken, Task<string>> mpySegment)
{
    private readonly HashSet<string> _installed = new(StringComparer.Ordinal);

    /// <summary>Installs a package the user named (always, even when a dependency already brought it).</summary>
    /// <param name="target">The board directory files go under (without a trailing '/').</param>
    /// <exception cref="CommandException">Any failure; files written before it stay.</exception>
    public Task InstallAsync(string package, string? version, string target, CancellationToken cancellationToken)
    {
        _installed.Add(package);
        return InstallPackageAsync(package, version, target, cancellationToken);
    }

    private async Task InstallPackageAsync(string package, string? version, string target, CancellationToken cancellationToken)
    {
        if (MipPackageSpec.IsRemote(package))
        {
            if (MipPackageSpec.IsSingleFile(package))
            {
                console.WriteLine($"Downloading {package} to {Shown(target)}");
                await InstallFileAsync(Rewrite(package, version), target + "/" + MipPackageSpec.FileName(package), null, cancellationToken)
                    .ConfigureAwait(false);
                return;
            }
            var json = MipPackageSpec.PackageJsonUrl(package);
            console.WriteLine($"Installing {json} to {Shown(target)}");
            await InstallManifestAsync(json, version, target, cancellationToken).ConfigureAwait(false);
        }
        else if (package.EndsWith(".json", StringComparison.Ordinal))
        {
            await InstallManifestAsync(package, version, target, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            version ??= "latest";
            console.WriteLine($"Installing {package} ({version}) from {index} to {Shown(target)}");
            var segment = await mpySegment(cancellationToken).ConfigureAwait(false);
            // An index version is not a git ref: github:/gitlab: urls in index manifests stay at HEAD.
            await InstallManifestAsync($"{index}/package/{segment}/{package}/{version}.json", null, target, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <param name="branch">The git ref for github:/gitlab: URLs in and of the manifest (null: HEAD).</param>
    private async Task InstallManifestAsync(string url, string? branch, string target, CancellationToken cancellationToken)
    {
        var data = await fetcher.GetPackageAsync(Rewrite(url, branch), url, cancellationToken).ConfigureAwait(false);
        var manifest = MipPackageJson.Parse(data, url);
        foreach (var entry in manifest.Hashes ?? [])
        {
            var (path, hash) = (target + "/" + entry[0], entry[1].ToLowerInvariant());
            if (await board.MatchesAsync(path, hash, cancellationToken).ConfigureAwait(false))
            {
                console.WriteLine($"Exists: {path}");
                continue;
            }
            await InstallFileAsync($"{index}/file/{hash[..2]}/{hash}", path, hash, cancellationToken).ConfigureAwait(false);
        }
        var baseUrl = MipPackageSpec.BaseOf(url);
        foreach (var entry in manifest.Urls ?? [])
        {
            var fileUrl = Rewrite(MipPackageSpec.Resolve(baseUrl, entry[1]), branch);
            await InstallFileAsync(fileUrl, target + "/" + entry[0], null, cancellationToken).ConfigureAwait(false);
        }
        foreach (var dep in manifest.Deps ?? [])
        {
            if (_installed.Add(dep[0]))
                await InstallPackageAsync(dep[0], dep.Count > 1 ? dep[1] : null, target, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <param name="shortHash">For index files: the data must hash to it, or nothing is written.</param>
    private async Task InstallFileAsync(string url, string path, string? shortHash, CancellationToken cancellationToken)
    {
        var data = await fetcher.GetFileAsync(url, cancellationToken).ConfigureAwait(false);
        if (shortHash is not null && !MipHash.DataMatches(data, shortHash))
            throw new CommandException($"Hash mismatch: {url} has SHA-256 {MipHash.ShortHashOf(data, shortHash)}..., expected {shortHash}... ({path} not written)");
        console.WriteLine($"Installing: {path}");
        await board.WriteAsync(path, data, cancellationToken).ConfigureAwait(false);
    }

    private string Rewrite(string url, string? branch)
    {
        try
        {
            return MipPackageSpec.RewriteUrl(url, branch, sources);
        }
        catch (FormatException e)
        {
            throw new CommandException(e.Message);
        }
    }

    // Paths are built from the target without its trailing '/'; "/" itself is shown as "/".
    private static string Shown(string target) => target.Length == 0 ? "/" : target;
}
