namespace Mpyd.MountDaemon.Cli.Shortcuts;

/// <summary>A shortcut's parameter; no default means it must be given.</summary>
internal sealed record ShortcutParameter(string Name, string? Default);
