namespace Mpyd.DeviceSim.Link;

/// <summary>Which way bytes travel on the link.</summary>
public enum LinkDirection
{
    /// <summary>Host → board.</summary>
    ToBoard,
    /// <summary>Board → host.</summary>
    ToHost,
}
