namespace Mpyd.MountDaemon.Cli.Shortcuts;

/// <summary>mpremote's built-in shortcuts (its section 7 in shared/spec/mpremote-commands.md).</summary>
internal static class BuiltInShortcuts
{
    // A short pause lets the "--no-follow" exec return before the board goes away.
    public const string ResetCode = "import time, machine\ntime.sleep_ms(100)\nmachine.reset()";
    public const string BootloaderCode = "import time, machine\ntime.sleep_ms(100)\nmachine.bootloader()";

    public static IEnumerable<Shortcut> All()
    {
        yield return Make("devs", "list the serial ports", "connect", "list");
        for (var n = 0; n < 4; n++)
        {
            yield return Make($"a{n}", $"connect to /dev/ttyACM{n}", "connect", $"/dev/ttyACM{n}");
            yield return Make($"u{n}", $"connect to /dev/ttyUSB{n}", "connect", $"/dev/ttyUSB{n}");
            yield return Make($"c{n}", $"connect to COM{n}", "connect", $"COM{n}");
        }
        foreach (var fs in new[] { "cat", "cp", "ls", "mkdir", "rm", "rmdir", "sha256sum", "touch", "tree", "df" })
            yield return Make(fs, $"fs {fs}", "fs", fs);
        yield return Make("reset", "hard-reset the board", "exec", "--no-follow", ResetCode);
        yield return Make("bootloader", "enter the board's bootloader", "exec", "--no-follow", BootloaderCode);
    }

    private static Shortcut Make(string name, string help, params string[] expansion) => new(name, [], expansion, help);
}
