using System.Security.Cryptography;
using System.Text;
using Mpyd.VmBoard.Tests.TestKit;

namespace Mpyd.VmBoard.Tests;

/// <summary>
/// The heavier mount scenarios on real MicroPython, through the real CLI: a 1 MB file hashed on
/// the board, a directory of 1,000 entries, unicode file names, and a soft reboot with re-mount.
/// </summary>
public sealed class MountScenariosOnVmTests() : VmCliTestBase("mpyd-vm-scenarios-", TimeSpan.FromSeconds(90))
{
    private async Task<CliResult> MountAndRunAsync(string code, params string[] more)
    {
        var r = await MpydCli.RunAsync(["connect", Board.SlavePath, "mount", HostDir, "exec", code, .. more], () => Board.Diagnostics, Deadline.Token);
        Assert.True(r.ExitCode == 0, $"mpyd exited {r.ExitCode}\nstdout:\n{r.Stdout}\nstderr:\n{r.Stderr}");
        return r;
    }

    [Fact]
    public async Task A_1_MB_file_read_on_the_board_has_the_same_SHA_256()
    {
        var data = new byte[1024 * 1024];
        new Random(42).NextBytes(data);
        await File.WriteAllBytesAsync(Path.Combine(HostDir, "big.bin"), data);

        var r = await MountAndRunAsync(
            "import hashlib, binascii\n" +
            "h = hashlib.sha256()\n" +
            "with open('big.bin', 'rb') as f:\n" +
            "    while True:\n" +
            "        b = f.read(4096)\n" +
            "        if not b:\n" +
            "            break\n" +
            "        h.update(b)\n" +
            "print(binascii.hexlify(h.digest()).decode())");

        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(data)), r.Stdout);
    }

    [Fact]
    public async Task A_directory_of_1000_entries_is_listed_whole_with_sizes()
    {
        var sub = Directory.CreateDirectory(Path.Combine(HostDir, "many")).FullName;
        for (var i = 0; i < 1000; i++)
            await File.WriteAllTextAsync(Path.Combine(sub, $"f{i:0000}.txt"), new string('x', i % 7));

        var r = await MountAndRunAsync(
            "import os\n" +
            "names = os.listdir('many')\n" +
            "sizes = sum(e[3] for e in os.ilistdir('many'))\n" +
            "print(len(names), len(set(names)), sizes)");

        var expectedSizes = Enumerable.Range(0, 1000).Sum(i => i % 7);
        Assert.Contains($"1000 1000 {expectedSizes}", r.Stdout);
    }

    [Fact]
    public async Task Unicode_file_names_round_trip()
    {
        await File.WriteAllTextAsync(Path.Combine(HostDir, "café.txt"), "crème brûlée");

        var r = await MountAndRunAsync(
            "import os\n" +
            "print(open('café.txt').read())\n" +
            "with open('日本語.txt', 'w') as f:\n" +
            "    f.write('こんにちは')\n" +
            "for n in sorted(os.listdir()):\n" +
            "    print('name:', n)");

        Assert.Contains("crème brûlée", r.Stdout);
        Assert.Equal("こんにちは", await File.ReadAllTextAsync(Path.Combine(HostDir, "日本語.txt"), Encoding.UTF8));
        // (This VM's repr() escapes non-ASCII, so the names are printed with str().)
        Assert.Contains("name: 日本語.txt", r.Stdout);
        Assert.Contains("name: café.txt", r.Stdout);
    }

    [Fact]
    public async Task A_soft_reboot_loses_the_mount_on_the_board_and_mpyd_mounts_again()
    {
        await File.WriteAllTextAsync(Path.Combine(HostDir, "after.py"), "print('after reboot:', 40 + 2)\n");

        var r = await MountAndRunAsync("import sys; sys.exit()", "exec", "import after");

        Assert.Contains("after reboot: 42", r.Stdout);
        Assert.Contains("mounted at /remote again", r.Stderr);
    }
}
