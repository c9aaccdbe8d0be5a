namespace Mpyd.DeviceSim;

/// <summary>os.statvfs on the board, in blocks of BlockSize bytes.</summary>
public sealed record BoardStatVfs(uint BlockSize, uint Blocks, uint FreeBlocks, uint AvailableBlocks, uint NameMax);
