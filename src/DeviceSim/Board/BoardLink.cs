namespace Mpyd.DeviceSim.Board;

/// <summary>The link the board is attached to right now.</summary>
internal sealed record BoardLink(BoardInput Input, BoardOutput Output);
