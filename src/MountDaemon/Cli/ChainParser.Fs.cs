namespace Mpyd.MountDaemon.Cli;

// fs and mip take every following word up to a lone "+", with their flags anywhere among them
// (argparse's behaviour, which scripts written for mpremote rely on).
internal static partial class ChainParser
{
    private static readonly HashSet<string> s_fsCommands =
        ["ls", "cat", "cp", "rm", "mkdir", "rmdir", "touch", "tree", "df", "sha256sum"];

    /// <summary>True for the fs sub-commands, including any "&lt;algo&gt;sum" whose algorithm name ends in a digit (sha1sum, md5sum).</summary>
    public static bool IsFsCommand(string word) =>
        s_fsCommands.Contains(word) || (word.Length > 4 && word.EndsWith("sum", StringComparison.Ordinal) && char.IsAsciiDigit(word[^4]));

    private static FsStep ParseFs(List<string> words, ref int i)
    {
        if (i < words.Count && words[i] == "--help")
            throw new HelpRequestedException("fs");
        if (i >= words.Count || words[i] == "+")
            throw new UsageException("fs: missing sub-command", "e.g. 'mpyd fs ls :' ; the sub-commands are ls, cat, cp, rm, mkdir, rmdir, touch, tree, df, sha256sum");
        var command = words[i++];
        if (!IsFsCommand(command))
            throw new UsageException($"fs: unknown sub-command '{command}'", "the sub-commands are ls, cat, cp, rm, mkdir, rmdir, touch, tree, df, sha256sum");

        bool recursive = false, force = false, size = false, human = false;
        bool? verbose = null;
        var paths = new List<string>();
        for (; i < words.Count && words[i] != "+"; i++)
        {
            var word = words[i];
            switch (word)
            {
                case "--recursive": recursive = true; continue;
                case "--force": force = true; continue;
                case "--verbose": verbose = true; continue;
                case "--no-verbose": verbose = false; continue;
                case "--size": size = true; continue;
                case "--human": human = true; continue;
                case "--help": throw new HelpRequestedException("fs");
            }
            if (word.Length > 1 && word[0] == '-' && word[1] != '-' && word.AsSpan(1).IndexOfAnyExcept("rfvsh") < 0)
            {
                // Short flags, alone or bundled: -r, -rf.
                foreach (var flag in word.AsSpan(1))
                {
                    switch (flag)
                    {
                        case 'r': recursive = true; break;
                        case 'f': force = true; break;
                        case 'v': verbose = true; break;
                        case 's': size = true; break;
                        case 'h': human = true; break;
                    }
                }
                continue;
            }
            if (word.Length > 1 && word[0] == '-')
                throw new UsageException($"fs {command}: unknown option '{word}'", "options are -r, -f, -v/--no-verbose, -s, -h; end the paths with '+' to add more commands");
            paths.Add(word);
        }
        if (i < words.Count)
            i++; // the "+"

        if (size && human)
            throw new UsageException($"fs {command}: -s/--size and -h/--human cannot be used together", "choose one");
        var (min, what) = command switch
        {
            "ls" or "tree" or "df" => (0, ""),
            "cp" => (2, "SOURCE... DESTINATION (board paths start with ':')"),
            _ => (1, "PATH (board paths; the ':' is optional)"),
        };
        if (paths.Count < min)
            throw new UsageException($"fs {command}: missing {what}", $"run 'mpyd help fs'");
        if (command == "df" && paths.Count > 0)
            throw new UsageException($"fs df: takes no paths (got '{paths[0]}')", "df lists every mounted filesystem");
        return new FsStep(command, paths, recursive, force, verbose, size, human);
    }

    private static MipStep ParseMip(List<string> words, ref int i)
    {
        if (i < words.Count && words[i] == "--help")
            throw new HelpRequestedException("mip");
        if (i >= words.Count || words[i] == "+")
            throw new UsageException("mip: missing sub-command", "mip has one: 'mpyd mip install PACKAGE...'");
        var command = words[i++];
        if (command != "install")
            throw new UsageException($"mip: '{command}' is not a command", "mip has one: 'mpyd mip install PACKAGE...'");

        string? target = null, index = null;
        var mpy = true;
        var packages = new List<string>();
        for (; i < words.Count && words[i] != "+"; i++)
        {
            var word = words[i];
            switch (word)
            {
                case "--target": target = TakeOptionValue(words, ref i, "mip install", word, "DIR"); continue;
                case "--index": index = TakeOptionValue(words, ref i, "mip install", word, "URL"); continue;
                case "--mpy" or "-m": mpy = true; continue;
                case "--no-mpy": mpy = false; continue;
                case "--help": throw new HelpRequestedException("mip");
            }
            if (word.StartsWith("--target=", StringComparison.Ordinal))
                target = word["--target=".Length..];
            else if (word.StartsWith("--index=", StringComparison.Ordinal))
                index = word["--index=".Length..];
            else if (word.Length > 1 && word[0] == '-')
                throw new UsageException($"mip install: unknown option '{word}'", "options are --target DIR, --index URL, --no-mpy");
            else
                packages.Add(word);
        }
        if (i < words.Count)
            i++; // the "+"
        if (packages.Count == 0)
            throw new UsageException("mip install: missing PACKAGE", "e.g. 'mpyd mip install aioble' or 'mpyd mip install github:org/repo'");
        return new MipStep(packages, target, index, mpy);
    }

    private static string TakeOptionValue(List<string> words, ref int i, string command, string option, string what)
    {
        if (i + 1 >= words.Count || words[i + 1] == "+")
            throw new UsageException($"{command}: {option} needs a {what}", $"e.g. '{option} {what}'");
        return words[++i];
    }
}
