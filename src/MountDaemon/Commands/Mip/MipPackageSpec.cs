namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>
/// The pure rules of mip package specs (shared/spec/mpremote-commands.md section 5): splitting
/// "name@version", telling URLs from index names, and rewriting github:/gitlab: forms to raw-content URLs.
/// </summary>
internal static class MipPackageSpec
{
    private static readonly string[] s_remotePrefixes = ["http://", "https://", "github:", "gitlab:"];

    /// <summary>"name@version" → (name, version); no '@' → (spec, null). The last '@' separates the version.</summary>
    public static (string Package, string? Version) Split(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var at = spec.LastIndexOf('@');
        if (at < 0)
            return (spec, null);
        var version = spec[(at + 1)..];
        return (spec[..at], version.Length == 0 ? null : version);
    }

    /// <summary>True for specs fetched over the network (http, https, github:, gitlab:); the rest are index names or local paths.</summary>
    public static bool IsRemote(string url) => s_remotePrefixes.Any(p => url.StartsWith(p, StringComparison.Ordinal));

    /// <summary>A URL spec naming a single module (".py" or ".mpy"), installed as one file.</summary>
    public static bool IsSingleFile(string url) =>
        url.EndsWith(".py", StringComparison.Ordinal) || url.EndsWith(".mpy", StringComparison.Ordinal);

    /// <summary>A URL spec that is not a single file names a directory holding package.json, unless it names a .json itself.</summary>
    public static string PackageJsonUrl(string url)
    {
        if (url.EndsWith(".json", StringComparison.Ordinal))
            return url;
        return url.EndsWith('/') ? url + "package.json" : url + "/package.json";
    }

    /// <summary>The last path segment: the file name a single-file spec is installed under.</summary>
    public static string FileName(string url) => url[(url.LastIndexOf('/') + 1)..];

    /// <summary>Everything before the last '/' (what relative URLs in a package.json are resolved against); "" without one.</summary>
    public static string BaseOf(string url)
    {
        var slash = url.LastIndexOf('/');
        return slash < 0 ? "" : url[..slash];
    }

    /// <summary>A package.json entry's URL, made absolute against the json's own location when it is relative.</summary>
    public static string Resolve(string baseUrl, string url) =>
        baseUrl.Length == 0 || IsRemote(url) ? url : baseUrl + "/" + url;

    /// <summary>
    /// github:org/repo/path and gitlab:org/repo/path become raw-content URLs at <paramref name="branch"/>
    /// (HEAD when null); any other URL is returned unchanged.
    /// </summary>
    /// <exception cref="FormatException">A github:/gitlab: form without both org and repo.</exception>
    public static string RewriteUrl(string url, string? branch, MipSources sources)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(sources);
        var gitRef = string.IsNullOrEmpty(branch) ? "HEAD" : branch;
        if (url.StartsWith("github:", StringComparison.Ordinal))
        {
            var (org, repo, path) = SplitRepo(url, "github:".Length);
            return $"{sources.GitHubRawBase}/{org}/{repo}/{gitRef}/{path}";
        }
        if (url.StartsWith("gitlab:", StringComparison.Ordinal))
        {
            var (org, repo, path) = SplitRepo(url, "gitlab:".Length);
            return $"{sources.GitLabBase}/{org}/{repo}/-/raw/{gitRef}/{path}";
        }
        return url;
    }

    private static (string Org, string Repo, string Path) SplitRepo(string url, int start)
    {
        var parts = url[start..].Split('/', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new FormatException($"'{url}' does not name a repository (expected org/repo[/path])");
        return (parts[0], parts[1], parts.Length == 3 ? parts[2] : "");
    }
}
