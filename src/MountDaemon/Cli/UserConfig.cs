namespace Mpyd.MountDaemon.Cli;

/// <summary>The per-user config file: $XDG_CONFIG_HOME/mpyd/config.json (or the OS equivalent).</summary>
internal static class UserConfig
{
    public static string Path
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            var root = !string.IsNullOrEmpty(xdg) ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
            if (string.IsNullOrEmpty(root))
                root = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return System.IO.Path.Combine(root, "mpyd", "config.json");
        }
    }
}
