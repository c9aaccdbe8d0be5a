namespace Mpyd.Protocol.BoardFs;

/// <summary>A directory entry or stat result on the board.</summary>
public sealed record BoardEntry(string Name, bool IsDirectory, long Size);
