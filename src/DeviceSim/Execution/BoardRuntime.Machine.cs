using Mpyd.DeviceSim.Board;

namespace Mpyd.DeviceSim.Execution;

internal sealed partial class BoardRuntime
{
    /// <summary>
    /// machine.reset() and machine.bootloader() (what mpremote's "reset" and "bootloader" shortcuts run).
    /// Neither returns: reset unwinds to the REPL, which restarts the board; bootloader leaves
    /// MicroPython for good, so the board stops answering (a new SimulatedBoard is a new power-on).
    /// </summary>
    private static void AddMachineResets(PyModule machine)
    {
        machine.Attributes["reset"] = Sync("reset", _ => throw new HardResetException());
        machine.Attributes["bootloader"] = Sync("bootloader", _ => throw new BoardHungException());
    }
}
