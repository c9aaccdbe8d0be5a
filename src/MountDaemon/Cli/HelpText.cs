using Mpyd.MountDaemon.Cli.Shortcuts;

namespace Mpyd.MountDaemon.Cli;

/// <summary>What "mpyd help" and "mpyd COMMAND --help" print.</summary>
internal static partial class HelpText
{
    public const string Usage = """
        mpyd - mpremote's commands, faster; mount a host directory on a MicroPython board

        usage: mpyd [COMMAND [options] [args...]]...      (commands run left to right, one connection)
               mpyd                                        (connect to the first board, open its REPL)

        board commands:
          connect DEVICE       DEVICE: auto, list, sim, a serial port, port:PATH, id:SERIAL,
                               socket://HOST:PORT, rfc2217://HOST:PORT
          disconnect           close the connection (a later command connects again)
          resume               do not soft-reset the board before the first command
          soft-reset           soft-reset the board (stays in the raw REPL)
          mount DIR            serve host directory DIR on the board at /remote (auto-mpy on)
          umount               remove the mount
          exec CODE            run CODE on the board       (--no-follow: do not wait)
          eval EXPR            print the value of EXPR
          run FILE             run a host file on the board (--no-follow: do not wait)
          repl                 the board's REPL; Ctrl-] or Ctrl-x leaves
          fs SUB [PATHS]       ls, cat, cp, rm, mkdir, rmdir, touch, tree, df, sha256sum
                               (board paths start with ':'; end the paths with '+')
          mip install PKG...   install packages from micropython-lib, github:, gitlab: or a URL
          sleep SECONDS        pause the chain

        host commands:
          sim [--pty] [--tcp PORT] [--link usb|uart|none]    run the simulated board
          compile FILE.py... [-o OUT] [-O N] [-s NAME] [-march ARCH] [--dis]
          help [COMMAND]       this text, or one command's
          version              mpyd's version

        Without an action (exec, eval, run, fs, mip, repl, soft-reset, connect list) the chain ends
        in the board's REPL. 'mpyd COMMAND --help' explains one command.
        """;

    /// <summary>The overview followed by the shortcuts (built-in and the user's, with their help).</summary>
    public static string Overview(ShortcutTable shortcuts)
    {
        var lines = new List<string> { Usage.TrimEnd(), "", "shortcuts:" };
        foreach (var shortcut in shortcuts.All.OrderBy(s => shortcuts.User.Contains(s) ? 1 : 0).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            var expansion = string.Join(' ', shortcut.Expansion.Select(Quote));
            var help = shortcut.Help is null ? "" : $"  ({shortcut.Help})";
            lines.Add($"  {shortcut.Signature,-14} {Shorten(expansion)}{help}");
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>One command's help; null when there is no such command.</summary>
    public static string? For(string command, ShortcutTable shortcuts)
    {
        if (s_commands.TryGetValue(command, out var text))
            return text;
        if (ChainParser.IsFsCommand(command))
            return s_commands["fs"];
        if (shortcuts.TryGet(command, out var shortcut))
            return $"{shortcut.Signature}: expands to {string.Join(' ', shortcut.Expansion.Select(Quote))}"
                + (shortcut.Help is null ? "" : $"\n  {shortcut.Help}") + "\n";
        return null;
    }

    private static string Quote(string word) =>
        word.Length == 0 || word.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? $"'{word.Replace("\n", "\\n", StringComparison.Ordinal)}'" : word;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
