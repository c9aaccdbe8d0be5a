using Mpyd.MountDaemon.Cli.Shortcuts;

namespace Mpyd.MountDaemon.Cli;

/// <summary>
/// Parses mpremote's grammar: commands run left to right, each takes its own options and
/// positionals; a word that is not one of the command's options starts the next command.
/// Commands with a variable number of arguments (fs, mip) take every following word up to a
/// lone "+". Shortcuts (built-in and the user's) expand at command position.
/// </summary>
internal static partial class ChainParser
{
    private const string HelpHint = "run 'mpyd help' for the commands";

    public static IReadOnlyList<ChainStep> Parse(IReadOnlyList<string> args) => Parse(args, ShortcutTable.BuiltIn);

    public static IReadOnlyList<ChainStep> Parse(IReadOnlyList<string> args, ShortcutTable shortcuts)
    {
        var words = new List<string>(args);
        var steps = new List<ChainStep>();
        var i = 0;
        var expansions = 0;
        while (i < words.Count)
        {
            var word = words[i];
            if (word == "+")
            {
                i++; // a stray terminator between commands is harmless
                continue;
            }
            if (shortcuts.TryGet(word, out var shortcut))
            {
                // Expanded words go back into the stream, so a shortcut may expand to another.
                if (++expansions > 100)
                    throw new UsageException($"shortcut '{word}' keeps expanding into itself", "check the commands in your config file");
                shortcut.ExpandInto(words, i);
                continue;
            }
            i++;
            steps.Add(ParseCommand(word, words, ref i));
        }
        return steps;
    }

    private static ChainStep ParseCommand(string word, List<string> words, ref int i)
    {
        switch (word)
        {
            case "connect":
                {
                    RejectHelp(words, i, "connect");
                    var device = TakePositional(words, ref i, "connect", "DEVICE (a serial port, socket://HOST:PORT, rfc2217://HOST:PORT, sim, auto, list)");
                    return device == "list" ? new ConnectListStep() : new ConnectStep(device);
                }
            case "disconnect":
                RejectHelp(words, i, "disconnect");
                return new DisconnectStep();
            case "mount":
                return ParseMount(words, ref i);
            case "umount":
                RejectHelp(words, i, "umount");
                return new UnmountStep();
            case "exec":
                {
                    var (code, follow) = TakeFollowedPositional(words, ref i, "exec", "CODE");
                    return new ExecStep(code, follow);
                }
            case "eval":
                RejectHelp(words, i, "eval");
                return new EvalStep(TakePositional(words, ref i, "eval", "EXPRESSION"));
            case "run":
                {
                    var (file, follow) = TakeFollowedPositional(words, ref i, "run", "FILE");
                    return new RunStep(file, follow);
                }
            case "soft-reset":
                RejectHelp(words, i, "soft-reset");
                return new SoftResetStep();
            case "resume":
                RejectHelp(words, i, "resume");
                return new ResumeStep();
            case "repl":
                return ParseRepl(words, ref i);
            case "fs":
                return ParseFs(words, ref i);
            case "mip":
                return ParseMip(words, ref i);
            case "sleep":
                return ParseSleep(words, ref i);
            case "help" or "--help" or "-h":
                throw new HelpRequestedException(i < words.Count ? words[i] : null);
            case "version" or "--version":
                throw new VersionRequestedException();
            default:
                throw new UsageException($"unknown command '{word}'", HelpHint);
        }
    }

    private static MountStep ParseMount(List<string> words, ref int i)
    {
        bool autoMpy = true, unsafeLinks = false, writeMpy = false;
        string? dir = null;
        // Options may come before or after DIR; the first other word after DIR ends the command.
        while (i < words.Count)
        {
            var word = words[i];
            switch (word)
            {
                case "--no-auto-mpy": autoMpy = false; break;
                case "--auto-mpy": autoMpy = true; break;
                case "--unsafe-links" or "-l": unsafeLinks = true; break;
                case "--no-unsafe-links": unsafeLinks = false; break;
                case "--write-mpy": writeMpy = true; break;
                case "--no-write-mpy": writeMpy = false; break;
                case "--help": throw new HelpRequestedException("mount");
                default:
                    if (word.StartsWith('-') && word.Length > 1)
                        throw new UsageException($"mount: unknown option '{word}'", "options are --no-auto-mpy, --unsafe-links, --write-mpy");
                    if (dir is not null)
                        return new MountStep(dir, autoMpy, unsafeLinks, writeMpy);
                    dir = word;
                    break;
            }
            i++;
        }
        if (dir is null)
            throw new UsageException("mount: missing DIR", "give the host directory to mount, e.g. 'mpyd mount .'");
        return new MountStep(dir, autoMpy, unsafeLinks, writeMpy);
    }

    private static SleepStep ParseSleep(List<string> words, ref int i)
    {
        RejectHelp(words, i, "sleep");
        var text = TakePositional(words, ref i, "sleep", "SECONDS");
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds < 0 || double.IsNaN(seconds) || seconds > int.MaxValue / 1000.0)
            throw new UsageException($"sleep: '{text}' is not a number of seconds", "e.g. 'mpyd sleep 0.5'");
        return new SleepStep(seconds);
    }

    private static string TakePositional(List<string> words, ref int i, string command, string what)
    {
        if (i >= words.Count)
            throw new UsageException($"{command}: missing {what}", HelpHint);
        return words[i++];
    }

    // "mpyd eval --help" asks for help; a command's one positional is never "--help".
    private static void RejectHelp(List<string> words, int i, string command)
    {
        if (i < words.Count && words[i] is "--help")
            throw new HelpRequestedException(command);
    }

    // exec and run take --follow/--no-follow on either side of their one positional.
    private static (string Value, bool Follow) TakeFollowedPositional(List<string> words, ref int i, string command, string what)
    {
        RejectHelp(words, i, command);
        var follow = TakeFollowFlag(words, ref i);
        RejectHelp(words, i, command);
        var value = TakePositional(words, ref i, command, what);
        return (value, TakeFollowFlag(words, ref i, follow));
    }

    private static bool TakeFollowFlag(List<string> words, ref int i, bool current = true)
    {
        if (i < words.Count && words[i] is "--follow" or "-f") { i++; return true; }
        if (i < words.Count && words[i] == "--no-follow") { i++; return false; }
        return current;
    }
}
