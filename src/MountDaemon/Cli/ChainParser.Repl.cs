namespace Mpyd.MountDaemon.Cli;

internal static partial class ChainParser
{
    private static ReplStep ParseRepl(List<string> words, ref int i)
    {
        string? capture = null, injectCode = null, injectFile = null;
        var escape = false;
        for (; i < words.Count; i++)
        {
            var word = words[i];
            switch (word)
            {
                case "--escape-non-printable" or "-e": escape = true; break;
                case "--no-escape-non-printable": escape = false; break;
                case "--capture": capture = TakeOptionValue(words, ref i, "repl", word, "FILE"); break;
                case "--inject-code": injectCode = TakeOptionValue(words, ref i, "repl", word, "CODE"); break;
                case "--inject-file": injectFile = TakeOptionValue(words, ref i, "repl", word, "FILE"); break;
                case "--help": throw new HelpRequestedException("repl");
                default:
                    if (word.Length > 1 && word[0] == '-')
                        throw new UsageException($"repl: unknown option '{word}'", "options are --capture FILE, --inject-code CODE, --inject-file FILE, -e");
                    return new ReplStep(capture, injectCode, injectFile, escape);
            }
        }
        return new ReplStep(capture, injectCode, injectFile, escape);
    }
}
