namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>
/// Where mip fetches from besides the index: the raw-content hosts behind "github:" and "gitlab:"
/// specs. Tests point them at a local server; users always get <see cref="Default"/>.
/// </summary>
/// <param name="GitHubRawBase">Prefix of github raw URLs, without a trailing '/'.</param>
/// <param name="GitLabBase">Prefix of gitlab URLs, without a trailing '/'.</param>
internal sealed record MipSources(string GitHubRawBase, string GitLabBase)
{
    /// <summary>micropython-lib's package index (mpremote's default).</summary>
    public const string DefaultIndex = "https://micropython.org/pi/v2";

    public static MipSources Default { get; } = new("https://raw.githubusercontent.com", "https://gitlab.com");
}
