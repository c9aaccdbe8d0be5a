namespace Mpyd.MountDaemon.Hosting;

/// <summary>A setting from config.json or an MPYD_ variable is out of range or unreadable. Exit code 1.</summary>
internal sealed class SettingsException(string message) : Exception(message);
