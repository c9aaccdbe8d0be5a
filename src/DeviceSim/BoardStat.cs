namespace Mpyd.DeviceSim;

/// <summary>os.stat on the board: mode (0x4000 directory, 0x8000 file), size and times.</summary>
public sealed record BoardStat(uint Mode, long Size, uint AccessTime, uint ModifyTime, uint ChangeTime)
{
    public bool IsDirectory => (Mode & 0x4000) != 0;
}
