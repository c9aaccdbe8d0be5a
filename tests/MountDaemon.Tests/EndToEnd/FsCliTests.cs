using System.Security.Cryptography;
using Mpyd.MountDaemon.Tests.TestKit;

namespace Mpyd.MountDaemon.Tests.EndToEnd;

/// <summary>fs commands and their shortcuts through the real mpyd executable and the simulated board.</summary>
public sealed class FsCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private Task<MpydProcess.Result> RunAsync(params string[] args) =>
        MpydProcess.RunAsync(args, workingDirectory: _dir.Path);

    [Fact]
    public async Task A_chain_copies_lists_prints_hashes_and_removes()
    {
        var data = "hello\nwörld\n"u8.ToArray();
        File.WriteAllBytes(Path.Join(_dir.Path, "a.txt"), data);
        var result = await RunAsync("connect", "sim", "cp", "a.txt", ":", "+", "ls", "+", "cat", ":a.txt", "+", "sha256sum", ":a.txt",
            "+", "rm", ":a.txt", "+", "ls");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var expected = string.Join("\n",
            "cp a.txt :",
            "ls :",
            $"{data.Length,12} a.txt",
            "hello",
            "wörld",
            "sha256sum :a.txt",
            Convert.ToHexStringLower(SHA256.HashData(data)),
            "rm :a.txt",
            "ls :",
            "");
        Assert.Equal(expected, result.Stdout.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task A_board_file_comes_back_to_the_host_byte_for_byte()
    {
        var data = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(Path.Join(_dir.Path, "blob.bin"), data);
        var result = await RunAsync("connect", "sim", "cp", "blob.bin", ":blob.bin", "+", "cp", ":blob.bin", "back.bin");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(data, File.ReadAllBytes(Path.Join(_dir.Path, "back.bin")));
        // Piped output: no progress bar.
        Assert.DoesNotContain("%", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_board_file_is_one_line_and_exit_1()
    {
        var result = await RunAsync("connect", "sim", "cat", ":nope.txt");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("mpyd: cat: nope.txt: No such file or directory.\n", result.Stderr);
    }

    [Fact]
    public async Task A_missing_host_file_is_one_line_and_exit_1()
    {
        var result = await RunAsync("connect", "sim", "cp", "missing.py", ":");
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("mpyd: cp: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_fs_sub_command_is_a_usage_error()
    {
        var result = await RunAsync("fs", "frob");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("mpyd: fs: unknown sub-command 'frob'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fs_is_an_action_so_no_repl_follows()
    {
        // With stdin closed a REPL would end at once too; the absence of its banner shows none started.
        var result = await RunAsync("connect", "sim", "ls");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Connected to MicroPython", result.Stderr, StringComparison.Ordinal);
    }
}
