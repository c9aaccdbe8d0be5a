namespace Mpyd.DeviceSim.Execution;

/// <summary>machine.reset(): the board restarts as after power-on (RAM lost, flash kept).</summary>
internal sealed class HardResetException() : Exception("hard reset");
