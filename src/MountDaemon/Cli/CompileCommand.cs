using System.Globalization;
using Mpyd.Compiler;
using Mpyd.Compiler.Mpy;

namespace Mpyd.MountDaemon.Cli;

/// <summary>
/// `mpyd compile FILE.py... [-o OUT] [-O N] [-s NAME] [-march ARCH] [-msmall-int-bits N] [--version]` and
/// `mpyd compile --dis FILE`: the in-process compiler with mpy-cross's options. Exit 0 ok, 1 if any file failed,
/// 2 on bad usage.
/// </summary>
internal static class CompileCommand
{
    private const string Usage = "usage: mpyd compile FILE.py... [-o OUT] [-O N] [-s NAME] [-march ARCH] [-msmall-int-bits N]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var parsed = Parse(args, out string? error);
        if (parsed is null)
        {
            await stderr.WriteLineAsync($"mpyd compile: {error}").ConfigureAwait(false);
            return 2;
        }
        var compiler = new NativeMpyCompiler();
        if (parsed.ShowVersion)
        {
            await stdout.WriteLineAsync($"{compiler.Identity}, emitting mpy v6.3").ConfigureAwait(false);
            return 0;
        }
        if (parsed.Disassemble is { } disFile)
        {
            return await DisassembleAsync(compiler, disFile, parsed, stdout, stderr, ct).ConfigureAwait(false);
        }
        bool failed = false;
        foreach (var file in parsed.Files)
        {
            ct.ThrowIfCancellationRequested();
            string output = parsed.Output ?? DefaultOutput(file);
            if (!await CompileOneAsync(compiler, file, output, parsed, stderr, ct).ConfigureAwait(false))
            {
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    private sealed record Options(List<string> Files, string? Output, string? SourceName, CompileOptions Compile, bool ShowVersion, string? Disassemble);

    private static Options? Parse(IReadOnlyList<string> args, out string? error)
    {
        var files = new List<string>();
        string? output = null, sourceName = null, arch = null, dis = null;
        int opt = 0, sib = 31;
        bool version = false, endOfOptions = false;
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? Next()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }
                return null;
            }
            if (endOfOptions || !a.StartsWith('-') || a == "-")
            {
                files.Add(a);
                continue;
            }
            switch (a)
            {
                case "--":
                    endOfOptions = true;
                    continue;
                case "--version":
                    version = true;
                    continue;
                case "-o":
                    output = Next();
                    if (output is null)
                    {
                        error = "-o needs a file name (give -o OUT.mpy)";
                        return null;
                    }
                    continue;
                case "-s":
                    sourceName = Next();
                    if (sourceName is null)
                    {
                        error = "-s needs a name (give -s NAME.py)";
                        return null;
                    }
                    continue;
                case "--dis":
                    dis = Next();
                    if (dis is null)
                    {
                        error = "--dis needs a file (give --dis FILE.mpy)";
                        return null;
                    }
                    continue;
                case "-march":
                    arch = Next();
                    if (arch is null)
                    {
                        error = "-march needs an architecture (give -march ARCH)";
                        return null;
                    }
                    continue;
                case "-msmall-int-bits":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out sib) || sib < 2 || sib > 64)
                    {
                        error = "-msmall-int-bits needs a number of bits (give e.g. -msmall-int-bits 31)";
                        return null;
                    }
                    continue;
            }
            if (a.StartsWith("-march=", StringComparison.Ordinal))
            {
                arch = a["-march=".Length..];
            }
            else if (a.StartsWith("-msmall-int-bits=", StringComparison.Ordinal))
            {
                if (!int.TryParse(a["-msmall-int-bits=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out sib) || sib < 2 || sib > 64)
                {
                    error = $"bad small-int width in '{a}' (give e.g. -msmall-int-bits=31)";
                    return null;
                }
            }
            else if (a.StartsWith("-O", StringComparison.Ordinal))
            {
                if (a.Length > 2 && char.IsAsciiDigit(a[2]) && a.Length == 3)
                {
                    opt = a[2] - '0';
                }
                else if (a.Length > 2 && a[2..].All(c => c == 'O'))
                {
                    opt = a.Length - 1;
                }
                else if (a == "-O")
                {
                    if (i + 1 < args.Count && args[i + 1].Length == 1 && char.IsAsciiDigit(args[i + 1][0]))
                    {
                        opt = args[++i][0] - '0';
                    }
                    else
                    {
                        opt = 1;
                    }
                }
                else
                {
                    error = $"unknown optimisation option '{a}' (use -O N with N from 0 to 9)";
                    return null;
                }
            }
            else
            {
                error = $"unknown option '{a}' ({Usage})";
                return null;
            }
        }
        if (version)
        {
            return new Options(files, output, sourceName, CompileOptions.Default, true, null);
        }
        var compileOptions = new CompileOptions(opt, arch, sib);
        if (dis is not null)
        {
            if (files.Count > 0)
            {
                error = "--dis takes exactly one file (give --dis FILE without other files)";
                return null;
            }
            return new Options(files, output, sourceName, compileOptions, false, dis);
        }
        if (files.Count == 0)
        {
            error = $"no input files ({Usage})";
            return null;
        }
        if (files.Count > 1 && (output is not null || sourceName is not null))
        {
            error = "-o and -s name a single file (compile one file at a time with them)";
            return null;
        }
        return new Options(files, output, sourceName, compileOptions, false, null);
    }

    private static string DefaultOutput(string file) =>
        file.EndsWith(".py", StringComparison.Ordinal) ? file[..^3] + ".mpy" : file + ".mpy";

    private static async Task<bool> CompileOneAsync(IMpyCompiler compiler, string file, string output, Options o, TextWriter stderr, CancellationToken ct)
    {
        byte[] source;
        try
        {
            source = await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{file}:0: OSError: {e.Message}").ConfigureAwait(false);
            return false;
        }
        var result = await compiler.CompileAsync(source, o.SourceName ?? file, o.Compile, ct).ConfigureAwait(false);
        foreach (var d in result.Diagnostics)
        {
            await stderr.WriteLineAsync($"{file}:{d.Line}: {d.ExceptionType}: {d.Message}").ConfigureAwait(false);
        }
        if (result.Mpy is null)
        {
            return false;
        }
        try
        {
            await WriteAtomicallyAsync(output, result.Mpy, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{file}:0: OSError: cannot write {output}: {e.Message}").ConfigureAwait(false);
            return false;
        }
        return true;
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] data, CancellationToken ct)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temp, data, ct).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static async Task<int> DisassembleAsync(NativeMpyCompiler compiler, string file, Options o, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        byte[] data;
        try
        {
            data = await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"{file}:0: OSError: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        if (file.EndsWith(".py", StringComparison.Ordinal))
        {
            var result = await compiler.CompileAsync(data, o.SourceName ?? file, o.Compile, ct).ConfigureAwait(false);
            foreach (var d in result.Diagnostics)
            {
                await stderr.WriteLineAsync($"{file}:{d.Line}: {d.ExceptionType}: {d.Message}").ConfigureAwait(false);
            }
            if (result.Mpy is null)
            {
                return 1;
            }
            data = result.Mpy;
        }
        try
        {
            await stdout.WriteAsync(MpyDisassembler.Disassemble(data)).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidDataException e)
        {
            await stderr.WriteLineAsync($"{file}:0: ValueError: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
