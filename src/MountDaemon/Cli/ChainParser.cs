namespace Mpyd.MountDaemon.Cli;

/// <summary>
/// Parses mpremote's grammar: commands run left to right, each takes its own options and
/// positionals; a word that is not one of the command's options starts the next command.
/// </summary>
internal static class ChainParser
{
    private const string HelpHint = "run 'mpyd help' for the commands";

    public static IReadOnlyList<ChainStep> Parse(IReadOnlyList<string> args)
    {
        var steps = new List<ChainStep>();
        var i = 0;
        while (i < args.Count)
        {
            var word = args[i++];
            switch (word)
            {
                case "connect":
                    steps.Add(new ConnectStep(TakePositional(args, ref i, "connect", "DEVICE (a serial port, socket://HOST:PORT or sim)")));
                    break;
                case "mount":
                    steps.Add(ParseMount(args, ref i));
                    break;
                case "umount":
                    steps.Add(new UnmountStep());
                    break;
                case "exec":
                    {
                        var (code, follow) = TakeFollowedPositional(args, ref i, "exec", "CODE");
                        steps.Add(new ExecStep(code, follow));
                        break;
                    }
                case "eval":
                    steps.Add(new EvalStep(TakePositional(args, ref i, "eval", "EXPRESSION")));
                    break;
                case "run":
                    {
                        var (file, follow) = TakeFollowedPositional(args, ref i, "run", "FILE");
                        steps.Add(new RunStep(file, follow));
                        break;
                    }
                case "soft-reset":
                    steps.Add(new SoftResetStep());
                    break;
                case "resume":
                    steps.Add(new ResumeStep());
                    break;
                case "repl":
                    steps.Add(new ReplStep());
                    break;
                default:
                    throw new UsageException($"unknown command '{word}'", HelpHint);
            }
        }
        return steps;
    }

    private static MountStep ParseMount(IReadOnlyList<string> args, ref int i)
    {
        bool autoMpy = true, unsafeLinks = false, writeMpy = false;
        string? dir = null;
        // Options may come before or after DIR; the first other word after DIR ends the command.
        while (i < args.Count)
        {
            var word = args[i];
            switch (word)
            {
                case "--no-auto-mpy": autoMpy = false; break;
                case "--auto-mpy": autoMpy = true; break;
                case "--unsafe-links" or "-l": unsafeLinks = true; break;
                case "--no-unsafe-links": unsafeLinks = false; break;
                case "--write-mpy": writeMpy = true; break;
                case "--no-write-mpy": writeMpy = false; break;
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

    private static string TakePositional(IReadOnlyList<string> args, ref int i, string command, string what)
    {
        if (i >= args.Count)
            throw new UsageException($"{command}: missing {what}", HelpHint);
        return args[i++];
    }

    // exec and run take --follow/--no-follow on either side of their one positional.
    private static (string Value, bool Follow) TakeFollowedPositional(IReadOnlyList<string> args, ref int i, string command, string what)
    {
        var follow = TakeFollowFlag(args, ref i);
        var value = TakePositional(args, ref i, command, what);
        return (value, TakeFollowFlag(args, ref i, follow));
    }

    private static bool TakeFollowFlag(IReadOnlyList<string> args, ref int i, bool current = true)
    {
        if (i < args.Count && args[i] is "--follow" or "-f") { i++; return true; }
        if (i < args.Count && args[i] == "--no-follow") { i++; return false; }
        return current;
    }
}
