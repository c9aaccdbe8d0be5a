using System.Numerics;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.BoardFs;

/// <summary>
/// <see cref="IBoardFileSystem"/> over a raw REPL session. Small operations are one-line snippets;
/// reads, writes, hashes and df call our board-side helper (<see cref="BoardFsHelper"/>), which is
/// sent with the first such call and sent again when the board has forgotten it (soft reboot).
/// </summary>
/// <remarks>
/// The client must already be in the raw REPL. One operation at a time. A cancelled operation
/// leaves the board's state unknown (as any cancelled exec does): enter the raw REPL again before
/// the next call. Board paths go into the generated code as escaped literals (<see cref="PythonSource"/>).
/// </remarks>
public sealed partial class BoardFileSystem : IBoardFileSystem
{
    /// <summary>Bytes of file data per write statement (at most about 5.5 KB of code, as base64).</summary>
    public const int DefaultWriteChunkSize = 4096;

    /// <summary>Code per write exec: several statements of compressed chunks share one exec up to this size.</summary>
    public const int DefaultMaxExecCodeSize = 6144;

    /// <summary>Bytes the board reads per output line when reading (its repr may take up to 4 times that in RAM).</summary>
    public const int DefaultReadChunkSize = 1024;

    private readonly RawReplClient _repl;
    private bool _helperSent;

    public BoardFileSystem(RawReplClient repl)
    {
        ArgumentNullException.ThrowIfNull(repl);
        _repl = repl;
    }

    /// <summary>Bytes of file data per write statement (64..32768). Larger is faster but needs more board RAM (about 4 times it).</summary>
    public int WriteChunkSize
    {
        get;
        init => field = value is >= 64 and <= 32768 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "between 64 and 32768");
    } = DefaultWriteChunkSize;

    /// <summary>
    /// Code per write exec (1024..65536): the board compiles a whole exec before running it, so this bounds
    /// its RAM use (about twice this). An exec always holds at least one chunk.
    /// </summary>
    public int MaxExecCodeSize
    {
        get;
        init => field = value is >= 1024 and <= 65536 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "between 1024 and 65536");
    } = DefaultMaxExecCodeSize;

    /// <summary>Bytes the board reads per output line when reading (64..16384).</summary>
    public int ReadChunkSize
    {
        get;
        init => field = value is >= 64 and <= 16384 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "between 64 and 16384");
    } = DefaultReadChunkSize;

    /// <summary>Sends compressible chunks deflated when the board can inflate them (default on).</summary>
    public bool Compress { get; init; } = true;

    /// <summary>Whether the helper has been sent in this session (for tests and diagnostics).</summary>
    public bool HelperSent => _helperSent;

    private string Device => _repl.Connection.Name;

    public async Task<string> GetCurrentDirectoryAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync("import os\nprint(repr(os.getcwd()))", null, cancellationToken).ConfigureAwait(false);
        return ParseLiteral(result.StdoutText) as string ?? throw Unexpected(null, result.StdoutText);
    }

    public async Task<BoardEntry?> StatAsync(string path, CancellationToken cancellationToken)
    {
        ExecResult result;
        try
        {
            result = await RunAsync($"import os\nprint(os.stat({Quote(path)}))", path, cancellationToken).ConfigureAwait(false);
        }
        catch (BoardFsException e) when (e.Errno is 2 or 20)
        {
            // ENOENT, or ENOTDIR for a path through a file: nothing is there.
            return null;
        }
        if (ParseLiteral(result.StdoutText) is not object?[] { Length: >= 7 } stat)
            throw Unexpected(path, result.StdoutText);
        return new BoardEntry(BaseName(path), IsDirectoryMode(stat[0]), ToLong(stat[6]));
    }

    public async Task<IReadOnlyList<BoardEntry>> ListDirectoryAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunAsync($"import os\nprint(list(os.ilistdir({Quote(path)})))", path, cancellationToken).ConfigureAwait(false);
        if (ParseLiteral(result.StdoutText) is not List<object?> items)
            throw Unexpected(path, result.StdoutText);
        var entries = new List<BoardEntry>(items.Count);
        foreach (var item in items)
        {
            // (name, type, inode[, size]): the size is missing on some file systems (e.g. /remote).
            if (item is not object?[] { Length: >= 2 } e || e[0] is not string name)
                throw Unexpected(path, result.StdoutText);
            entries.Add(new BoardEntry(name, IsDirectoryMode(e[1]), e.Length > 3 ? Math.Max(0, ToLong(e[3])) : 0));
        }
        return entries;
    }

    public Task MakeDirectoryAsync(string path, CancellationToken cancellationToken) =>
        RunAsync($"import os\nos.mkdir({Quote(path)})", path, cancellationToken);

    public Task RemoveDirectoryAsync(string path, CancellationToken cancellationToken) =>
        RunAsync($"import os\nos.rmdir({Quote(path)})", path, cancellationToken);

    public Task RemoveFileAsync(string path, CancellationToken cancellationToken) =>
        RunAsync($"import os\nos.remove({Quote(path)})", path, cancellationToken);

    public Task TouchAsync(string path, CancellationToken cancellationToken) =>
        RunAsync($"open({Quote(path)}, 'a').close()", path, cancellationToken);

    public async Task<byte[]?> HashAsync(string path, string algorithm, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(algorithm);
        var result = await RunHelperAsync($"_mpyd_fh({Quote(path)}, {PythonSource.Str(algorithm)})", path, null, retry: true, cancellationToken)
            .ConfigureAwait(false);
        var text = result.StdoutText.Trim();
        if (text == "None")
            return null;
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw Unexpected(path, text);
        }
    }

    public async Task<IReadOnlyList<BoardFsUsage>> GetUsageAsync(CancellationToken cancellationToken)
    {
        var result = await RunHelperAsync("_mpyd_fd()", null, null, retry: true, cancellationToken).ConfigureAwait(false);
        var rows = new List<BoardFsUsage>();
        foreach (var line in result.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ParseLiteral(line) is not object?[] { Length: 5 } row || row[0] is not string point || row[4] is not string type)
                throw Unexpected(null, line);
            rows.Add(new BoardFsUsage(point, ToLong(row[1]), ToLong(row[2]), ToLong(row[3]), type));
        }
        return rows;
    }

    // A snippet that needs no helper. Board errors become BoardFsException.
    private async Task<ExecResult> RunAsync(string code, string? path, CancellationToken cancellationToken)
    {
        var result = await _repl.ExecAsync(code, cancellationToken).ConfigureAwait(false);
        if (result.Failed)
            throw BoardFsErrors.FromResult(Device, path, result);
        return result;
    }

    // A call of a helper function, preceded by the helper's definition when it has not been sent.
    // With retry, a NameError for the helper (the board was soft-reset) sends it again and repeats the call
    // (only for calls that have no effect before that NameError).
    private async Task<ExecResult> RunHelperAsync(string call, string? path, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? onStdout,
        bool retry, CancellationToken cancellationToken)
    {
        var sendHelper = !_helperSent;
        var result = await ExecAsync(sendHelper ? BoardFsHelper.WireText + call : call, onStdout, cancellationToken).ConfigureAwait(false);
        _helperSent = true;
        if (result.Failed && !sendHelper && BoardFsErrors.IsHelperMissing(result.Stderr))
        {
            _helperSent = false;
            if (!retry)
                throw new BoardFsException(path ?? "", 0, $"{path}: the board was reset during the operation (on {Device})");
            result = await ExecAsync(BoardFsHelper.WireText + call, onStdout, cancellationToken).ConfigureAwait(false);
            _helperSent = true;
        }
        if (result.Failed)
            throw BoardFsErrors.FromResult(Device, path, result);
        return result;
    }

    private Task<ExecResult> ExecAsync(string code, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask>? onStdout, CancellationToken cancellationToken) =>
        onStdout is null
            ? _repl.ExecAsync(code, cancellationToken)
            : _repl.ExecAsync(code, onStdout, follow: false, cancellationToken);

    private static string Quote(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return PythonSource.Str(path);
    }

    private static object? ParseLiteral(string text)
    {
        try
        {
            return PythonLiteral.Parse(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private BoardFsException Unexpected(string? path, string output) =>
        new(path ?? "", 0, $"{(path is null ? "" : path + ": ")}unexpected answer from the board: {Shorten(output)} (on {Device})");

    private static string Shorten(string text)
    {
        text = text.Trim();
        return text.Length <= 120 ? text : text[..120] + "...";
    }

    private static bool IsDirectoryMode(object? mode) => (ToLong(mode) & 0xF000) == 0x4000;

    private static long ToLong(object? value) => value switch
    {
        long l => l,
        int i => i,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        _ => 0,
    };

    private static string BaseName(string path)
    {
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0)
            return path.Length == 0 ? "" : "/";
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }
}
