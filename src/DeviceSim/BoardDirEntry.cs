namespace Mpyd.DeviceSim;

/// <summary>One entry of a directory listing on the board.</summary>
public sealed record BoardDirEntry(string Name, bool IsDirectory, long Size);
