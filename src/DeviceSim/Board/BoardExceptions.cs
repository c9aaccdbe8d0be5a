namespace Mpyd.DeviceSim.Board;

/// <summary>The link to the host is gone; the board's session ends.</summary>
internal sealed class LinkClosedException() : Exception("the link to the host is closed");

/// <summary>A fault plan made the board stop answering.</summary>
internal sealed class BoardHungException() : Exception("the board stopped answering");
