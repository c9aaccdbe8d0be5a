namespace Mpyd.Protocol.BoardFs;

/// <summary>One mounted filesystem's capacity, from os.statvfs (bytes).</summary>
public sealed record BoardFsUsage(string MountPoint, long Size, long Used, long Available);
