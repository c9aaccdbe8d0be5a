using System.Security.Cryptography;
using System.Text;
using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Device;
using Mpyd.Protocol.Repl;
using Mpyd.Protocol.Transport;

namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// BoardFileSystem (and so mpyd_fs.py, which the VM runs as real Python and the simulated board runs
/// natively) against both boards: the same operations must give the same transcript.
/// </summary>
public sealed class BoardFsConformanceTests
{
    private delegate Task Script(BoardFileSystem fs, RawReplClient repl, Transcript log, CancellationToken ct);

    [Fact]
    public async Task Directory_operations_and_errors_match()
    {
        var (vm, sim) = await RunOnBothAsync(async (fs, _, log, ct) =>
        {
            await log.Do("mkdir /t", () => fs.MakeDirectoryAsync("/t", ct));
            await log.Do("mkdir /t again", () => fs.MakeDirectoryAsync("/t", ct), eexist: true);
            await log.Do("touch /t/a.txt", () => fs.TouchAsync("/t/a.txt", ct));
            await log.Do("touch /t/a.txt again", () => fs.TouchAsync("/t/a.txt", ct));
            await log.Do("mkdir /t/sub", () => fs.MakeDirectoryAsync("/t/sub", ct));
            await log.Get("stat /t", async () => Show(await fs.StatAsync("/t", ct)));
            await log.Get("stat /t/a.txt", async () => Show(await fs.StatAsync("/t/a.txt", ct)));
            await log.Get("stat /t/missing", async () => Show(await fs.StatAsync("/t/missing", ct)));
            await log.Get("stat through a file", async () => Show(await fs.StatAsync("/t/a.txt/x", ct)));
            await log.Get("ls /t", async () => Show(await fs.ListDirectoryAsync("/t", ct)));
            await log.Get("ls /t/missing", async () => Show(await fs.ListDirectoryAsync("/t/missing", ct)));
            await log.Get("ls '' (cwd /)", async () => Show(await fs.ListDirectoryAsync("", ct)).Contains("t dir", StringComparison.Ordinal).ToString());
            await log.Get("ls . (cwd /)", async () => Show(await fs.ListDirectoryAsync(".", ct)).Contains("t dir", StringComparison.Ordinal).ToString());
            await log.Get("stat t (relative)", async () => Show(await fs.StatAsync("t", ct)));
            await log.Do("rmdir /t (not empty)", () => fs.RemoveDirectoryAsync("/t", ct));
            await log.Do("rm /t/missing", () => fs.RemoveFileAsync("/t/missing", ct));
            await log.Do("mkdir /t/no/such", () => fs.MakeDirectoryAsync("/t/no/such", ct));
            await log.Get("read a directory", async () => Show(await ReadAsync(fs, "/t/sub", ct)));
            await log.Get("hash a directory", async () => Show(await fs.HashAsync("/t/sub", "sha256", ct)));
            await log.Get("read missing", async () => Show(await ReadAsync(fs, "/t/missing", ct)));
            await log.Do("write over a directory", () => WriteAsync(fs, "/t/sub", [1, 2], ct));
            await log.Do("write into a missing directory", () => WriteAsync(fs, "/t/no/x.bin", [1, 2], ct));
            await log.Do("rm /t/a.txt", () => fs.RemoveFileAsync("/t/a.txt", ct));
            await log.Do("rmdir /t/sub", () => fs.RemoveDirectoryAsync("/t/sub", ct));
            await log.Get("ls /t", async () => Show(await fs.ListDirectoryAsync("/t", ct)));
            await log.Do("rmdir /t", () => fs.RemoveDirectoryAsync("/t", ct));
            await log.Get("stat /t", async () => Show(await fs.StatAsync("/t", ct)));
        });
        Assert.Equal(vm.Lines, sim.Lines);
        Assert.Contains("mkdir /t again -> errno 17", vm.Lines);
        Assert.Contains("read missing -> errno 2", vm.Lines);
        Assert.Contains("read a directory -> errno 21", vm.Lines);
        Assert.Contains("stat /t/missing -> null", vm.Lines);
        Assert.Contains("ls '' (cwd /) -> True", vm.Lines);
        Assert.Contains("stat t (relative) -> t dir 0", vm.Lines);
    }

    [Fact]
    public async Task Binary_round_trips_match()
    {
        int[] sizes = [0, 1, 255, 256, 257, 70 * 1024];
        var (vm, sim) = await RunOnBothAsync(async (fs, repl, log, ct) =>
        {
            await fs.MakeDirectoryAsync("/b", ct);
            foreach (var size in sizes)
            {
                var data = EveryByte(size);
                var path = $"/b/f{size}.bin";
                await log.Do($"write {size}", () => WriteAsync(fs, path, data, ct));
                await log.Get($"stat {size}", async () => Show(await fs.StatAsync(path, ct)));
                await log.Get($"read {size}", async () => (await ReadAsync(fs, path, ct)).AsSpan().SequenceEqual(data) ? "same bytes" : "DIFFERENT bytes");
                await log.Get($"hash {size}", async () => Show(await fs.HashAsync(path, "sha256", ct)) == Show(SHA256.HashData(data)) ? "same sha256" : "DIFFERENT sha256");
            }
            // Python source compresses: it goes deflated (the VM inflates with the real deflate module).
            var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 900).Select(i => $"def f{i}(x):\n    return x * {i}  # ü\n")));
            var sentBefore = repl.Connection.BytesOut;
            await log.Do("write text", () => WriteAsync(fs, "/b/text.py", text, ct));
            await log.Get("text went compressed", () => Task.FromResult((repl.Connection.BytesOut - sentBefore < text.Length / 2).ToString()));
            await log.Get("read text", async () => (await ReadAsync(fs, "/b/text.py", ct)).AsSpan().SequenceEqual(text) ? "same bytes" : "DIFFERENT bytes");
            // Replacing a file: the new content wins and no temporary file stays.
            await log.Do("write over f257", () => WriteAsync(fs, "/b/f257.bin", Encoding.ASCII.GetBytes("print('it\\'s \"me\"')\n"), ct));
            await log.Get("read f257", async () => Encoding.ASCII.GetString(await ReadAsync(fs, "/b/f257.bin", ct)));
            await log.Get("ls /b", async () => Show(await fs.ListDirectoryAsync("/b", ct)));
            await log.Get("unknown hash", async () => Show(await fs.HashAsync("/b/f1.bin", "nosuchhash", ct)));
        });
        Assert.Equal(vm.Lines, sim.Lines);
        Assert.DoesNotContain(vm.Lines, l => l.Contains("DIFFERENT", StringComparison.Ordinal) || l.Contains("errno", StringComparison.Ordinal));
        Assert.Contains("unknown hash -> null", vm.Lines);
        Assert.Contains("text went compressed -> True", vm.Lines);
    }

    [Fact]
    public async Task Unicode_and_quoted_names_match()
    {
        string[] names = ["it's.txt", "back\\slash \"q\".txt", "ünïcødé ✓ 𝄞.py", "tab\there.txt"];
        var (vm, sim) = await RunOnBothAsync(async (fs, _, log, ct) =>
        {
            await fs.MakeDirectoryAsync("/n", ct);
            foreach (var name in names)
            {
                var path = "/n/" + name;
                await log.Do($"write {name}", () => WriteAsync(fs, path, Encoding.UTF8.GetBytes(name), ct));
                await log.Get($"read {name}", async () => Encoding.UTF8.GetString(await ReadAsync(fs, path, ct)));
                await log.Get($"stat {name}", async () => Show(await fs.StatAsync(path, ct)));
            }
            await log.Get("ls /n", async () => Show(await fs.ListDirectoryAsync("/n", ct)));
            await log.Do("mkdir d'ir", () => fs.MakeDirectoryAsync("/n/d'ir", ct));
            await log.Do("touch d'ir/ü", () => fs.TouchAsync("/n/d'ir/ü", ct));
            await log.Get("ls d'ir", async () => Show(await fs.ListDirectoryAsync("/n/d'ir", ct)));
            foreach (var name in names)
                await log.Do($"rm {name}", () => fs.RemoveFileAsync("/n/" + name, ct));
        });
        Assert.Equal(vm.Lines, sim.Lines);
        Assert.DoesNotContain(vm.Lines, l => l.Contains("errno", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Usage_and_soft_reboot_between_calls_match()
    {
        var (vm, sim) = await RunOnBothAsync(async (fs, repl, log, ct) =>
        {
            await log.Get("cwd", () => fs.GetCurrentDirectoryAsync(ct));
            await log.Do("write /s.bin", () => WriteAsync(fs, "/s.bin", EveryByte(5000), ct));
            await repl.SoftResetAsync(ct);
            await log.Get("read after a soft reboot", async () => (await ReadAsync(fs, "/s.bin", ct)).AsSpan().SequenceEqual(EveryByte(5000)) ? "same" : "DIFFERENT");
            await repl.SoftResetAsync(ct);
            await log.Get("hash after a soft reboot", async () => Show(await fs.HashAsync("/s.bin", "sha256", ct)) == Show(SHA256.HashData(EveryByte(5000))) ? "same" : "DIFFERENT");
            await repl.SoftResetAsync(ct);
            // Sizes differ (MEMFS vs the simulated flash): compare the rows' shape.
            await log.Get("df after a soft reboot", async () =>
            {
                var rows = await fs.GetUsageAsync(ct);
                return string.Join("; ", rows.Select(r => $"{r.MountPoint} size>0:{r.Size > 0} used<=size:{r.Used <= r.Size} avail<=size:{r.Available <= r.Size} type:{(r.FileSystem.StartsWith('<') && r.FileSystem.EndsWith('>') ? "<...>" : r.FileSystem)}"));
            });
            await repl.SoftResetAsync(ct);
            await log.Do("write after a soft reboot", () => WriteAsync(fs, "/s.bin", [7], ct));
            await log.Get("stat", async () => Show(await fs.StatAsync("/s.bin", ct)));
            await log.Do("rm", () => fs.RemoveFileAsync("/s.bin", ct));
        });
        Assert.Equal(vm.Lines, sim.Lines);
        Assert.Contains("df after a soft reboot -> / size>0:True used<=size:True avail<=size:True type:<...>", vm.Lines);
    }

    private static async Task<(Transcript Vm, Transcript Sim)> RunOnBothAsync(Script script)
    {
        var vm = await RunAsync(BoardKind.Vm, script);
        var sim = await RunAsync(BoardKind.Sim, script);
        return (vm, sim);
    }

    private static async Task<Transcript> RunAsync(BoardKind kind, Script script)
    {
        await using var board = ConformanceBoard.Start(kind);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var connection = new BoardConnection(SerialTransport.Open(board.DevicePath));
        await using (connection)
        {
            var repl = new RawReplClient(connection);
            var log = new Transcript(kind);
            try
            {
                await repl.EnterRawReplAsync(softReset: false, deadline.Token);
                await script(new BoardFileSystem(repl), repl, log, deadline.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or DeviceException)
            {
                throw new InvalidOperationException($"{kind} board failed after:\n{string.Join("\n", log.Lines)}\n{board.Diagnostics}", e);
            }
            return log;
        }
    }

    private static byte[] EveryByte(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
            data[i] = (byte)(i * 7 + i / 256);
        return data;
    }

    private static async Task<byte[]> ReadAsync(BoardFileSystem fs, string path, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await fs.ReadFileAsync(path, ms, null, ct);
        return ms.ToArray();
    }

    private static Task WriteAsync(BoardFileSystem fs, string path, byte[] data, CancellationToken ct) =>
        fs.WriteFileAsync(path, new MemoryStream(data), data.Length, null, ct);

    private static string Show(BoardEntry? e) => e is null ? "null" : $"{e.Name} {(e.IsDirectory ? "dir" : "file")} {(e.IsDirectory ? 0 : e.Size)}";

    // Board order differs between file systems: sorted by name. Sizes are left out: the VM's
    // file system (VfsPosix) lists 3-tuples without a size, a flash file system gives 4-tuples.
    private static string Show(IReadOnlyList<BoardEntry> entries) =>
        "[" + string.Join(", ", entries.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => $"{e.Name} {(e.IsDirectory ? "dir" : "file")}")) + "]";

    private static string Show(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexStringLower(bytes);

    /// <summary>One line per operation: its result, or the errno it failed with.</summary>
    private sealed class Transcript(BoardKind kind)
    {
        public List<string> Lines { get; } = [];

        /// <param name="eexist">
        /// The operation fails with EEXIST: the VM board reports its file system's WASI number (20),
        /// which its wrapper cannot tell from MicroPython's ENOTDIR (tests/vm-board/errno.mjs), as 17.
        /// </param>
        public Task Do(string what, Func<Task> op, bool eexist = false) => Get(what, async () =>
        {
            await op();
            return "ok";
        }, eexist);

        public async Task Get(string what, Func<Task<string>> op, bool eexist = false)
        {
            try
            {
                Lines.Add($"{what} -> {await op()}");
            }
            catch (BoardFsException e)
            {
                var errno = kind == BoardKind.Vm && eexist && e.Errno == 20 ? 17 : e.Errno;
                Lines.Add($"{what} -> errno {errno}");
            }
        }
    }
}
