using System.Numerics;
using System.Text;
using Mpyd.DeviceSim.FileSystem;

namespace Mpyd.DeviceSim.Execution;

internal sealed partial class BoardRuntime
{
    private readonly Dictionary<string, PyModule> _builtinModules = new(StringComparer.Ordinal);

    private static PyFunction Fn(string name, PyCall call) => new(name, call);

    private static PyFunction Sync(string name, Func<object?[], object?> call) =>
        new(name, (args, _, _) => ValueTask.FromResult(call(args)));

    private static object? Arg(object?[] args, int i, string fn) =>
        i < args.Length ? args[i] : throw PyException.Type($"function {fn} missing required positional arguments");

    private static string PathArg(object?[] args, int i, string fn, string fallback = "")
    {
        if (i >= args.Length)
            return fallback;
        return args[i] switch
        {
            string s => s,
            byte[] b => Encoding.UTF8.GetString(b),
            var v => throw PyException.Type($"can't convert '{Py.TypeName(v)}' object to str implicitly"),
        };
    }

    public PyModule GetBuiltinModule(string name)
    {
        if (_builtinModules.TryGetValue(name, out var m))
            return m;
        m = new PyModule(name) { IsBuiltin = true };
        switch (name)
        {
            case "sys": FillSys(m); break;
            case "os": FillOs(m); break;
            case "machine":
                m.Attributes["soft_reset"] = Sync("soft_reset", _ => throw new SoftResetException());
                m.Attributes["freq"] = Sync("freq", _ => (BigInteger)125_000_000);
                AddMachineResets(m);
                break;
            case "micropython":
                m.Attributes["kbd_intr"] = Sync("kbd_intr", a =>
                {
                    KbdIntrChar = Py.ToInt32(Arg(a, 0, "kbd_intr"), "kbd_intr");
                    Link.Input.InterruptChar = KbdIntrChar;
                    return null;
                });
                m.Attributes["const"] = Sync("const", a => Arg(a, 0, "const"));
                break;
            case "gc":
                m.Attributes["collect"] = Sync("collect", _ => null);
                m.Attributes["mem_free"] = Sync("mem_free", _ => (BigInteger)180_000);
                m.Attributes["mem_alloc"] = Sync("mem_alloc", _ => (BigInteger)12_000);
                break;
            case "time": FillTime(m); break;
            case "binascii": FillBinascii(m); break;
            case "hashlib": FillHashlib(m); break;
        }
        _builtinModules[name] = m;
        return m;
    }

    private void FillSys(PyModule m)
    {
        var opts = Board.Options;
        var firmware = opts.Banner.Split(';')[0];
        var impl = new PyModule("implementation")
        {
            ReprText = $"(name='micropython', version=(1, 28, 0, ''), _machine='{opts.MachineName}'" +
                (opts.MpyVersion != 0 ? $", _mpy={opts.MpyVersion})" : ")"),
        };
        impl.Attributes["name"] = "micropython";
        impl.Attributes["version"] = PyTuple.Of((BigInteger)1, (BigInteger)28, (BigInteger)0, "");
        impl.Attributes["_machine"] = opts.MachineName;
        if (opts.MpyVersion != 0)
            impl.Attributes["_mpy"] = (BigInteger)opts.MpyVersion;
        m.Attributes["implementation"] = impl;
        m.Attributes["path"] = SysPath;
        m.Attributes["platform"] = opts.Platform;
        m.Attributes["version"] = "3.4.0; " + firmware;
        m.Attributes["byteorder"] = "little";
        m.Attributes["maxsize"] = (BigInteger.One << 31) - 1;
        m.Attributes["argv"] = new List<object?>();
        m.Attributes["exit"] = Sync("exit", _ => throw new SoftResetException());
        // sys.stdout is cooked (LF→CRLF like print); sys.stdout.buffer writes bytes unchanged.
        var stdout = new PyModule("stdout") { ReprText = "<io.TextIOWrapper 1>" };
        var buffer = new PyModule("buffer") { ReprText = "<io.FileIO 1>" };
        stdout.Attributes["write"] = Sync("write", a =>
        {
            var text = Py.ToStr(Arg(a, 0, "write"), "write");
            Link.Output.Program(text);
            return (BigInteger)System.Text.Encoding.UTF8.GetByteCount(text);
        });
        buffer.Attributes["write"] = Sync("write", a =>
        {
            var data = BytesArg(a, 0, "write");
            Link.Output.Raw(data);
            return (BigInteger)data.Length;
        });
        stdout.Attributes["buffer"] = buffer;
        m.Attributes["stdout"] = stdout;
    }

    private void FillTime(PyModule m)
    {
        var tp = Board.TimeProvider;
        m.Attributes["sleep"] = Fn("sleep", (a, _, ct) => SleepAsync(ToSeconds(Arg(a, 0, "sleep")), ct));
        m.Attributes["sleep_ms"] = Fn("sleep_ms", (a, _, ct) => SleepAsync((double)Py.ToInt(Arg(a, 0, "sleep_ms"), "ms") / 1000, ct));
        m.Attributes["ticks_ms"] = Sync("ticks_ms", _ => (BigInteger)(tp.GetTimestamp() * 1000 / tp.TimestampFrequency & 0x3FFFFFFF));
        m.Attributes["time"] = Sync("time", _ => (BigInteger)tp.GetUtcNow().ToUnixTimeSeconds());
    }

    private static double ToSeconds(object? v) => v switch
    {
        double d => d,
        _ => (double)Py.ToInt(v, "sleep"),
    };

    /// <summary>time.sleep: waits on the board's clock; Ctrl-C ends it with KeyboardInterrupt.</summary>
    private async ValueTask<object?> SleepAsync(double seconds, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(TimeSpan.FromSeconds(Math.Max(0, seconds)), Board.TimeProvider, cts.Token);
        var interrupt = Link.Input.WaitForInterruptAsync(cts.Token);
        await Task.WhenAny(delay, interrupt).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        CheckInterrupt();
        return null;
    }

    private void FillOs(PyModule m)
    {
        m.Attributes["sep"] = "/";
        m.Attributes["getcwd"] = Sync("getcwd", _ => GetCwd());
        m.Attributes["chdir"] = Fn("chdir", async (a, _, ct) =>
        {
            await ChangeDirAsync(PathArg(a, 0, "chdir"), ct).ConfigureAwait(false);
            return null;
        });
        m.Attributes["listdir"] = Fn("listdir", async (a, _, ct) =>
        {
            var entries = await ListAsync(PathArg(a, 0, "listdir"), ct).ConfigureAwait(false);
            return entries.Select(e => (object?)e.Name).ToList();
        });
        m.Attributes["ilistdir"] = Fn("ilistdir", async (a, _, ct) =>
        {
            var entries = await ListAsync(PathArg(a, 0, "ilistdir"), ct).ConfigureAwait(false);
            return new PyIterator([.. entries.Select(e => (object?)PyTuple.Of(e.Name, (BigInteger)e.Type, BigInteger.Zero, (BigInteger)e.Size))]);
        });
        m.Attributes["stat"] = Fn("stat", async (a, _, ct) =>
        {
            var (vfs, inner) = Resolve(PathArg(a, 0, "stat"));
            var s = await vfs.StatAsync(inner, ct).ConfigureAwait(false);
            BigInteger z = 0;
            return PyTuple.Of((BigInteger)s.Mode, z, z, z, z, z, (BigInteger)s.Size, (BigInteger)s.AccessTime, (BigInteger)s.ModifyTime, (BigInteger)s.ChangeTime);
        });
        m.Attributes["statvfs"] = Fn("statvfs", async (a, _, ct) =>
        {
            var (vfs, inner) = Resolve(PathArg(a, 0, "statvfs"));
            var s = await vfs.StatFsAsync(inner, ct).ConfigureAwait(false);
            BigInteger z = 0;
            return PyTuple.Of((BigInteger)s.BlockSize, (BigInteger)s.BlockSize, (BigInteger)s.Blocks, (BigInteger)s.Free, (BigInteger)s.Available, z, z, z, z, (BigInteger)s.NameMax);
        });
        m.Attributes["remove"] = PathFn("remove", (v, p, ct) => v.RemoveAsync(p, ct));
        m.Attributes["mkdir"] = PathFn("mkdir", (v, p, ct) => v.MakeDirAsync(p, ct));
        m.Attributes["rmdir"] = PathFn("rmdir", (v, p, ct) => v.RemoveDirAsync(p, ct));
        m.Attributes["rename"] = Fn("rename", async (a, _, ct) =>
        {
            var (from, fromPath) = Resolve(PathArg(a, 0, "rename"));
            var (to, toPath) = Resolve(PathArg(a, 1, "rename"));
            if (from != to)
                throw PyException.OSError((int)Protocol.RemoteFs.Errno.EXDEV);
            await from.RenameAsync(fromPath, toPath, ct).ConfigureAwait(false);
            return null;
        });
        m.Attributes["umount"] = Sync("umount", a =>
        {
            Unmount(PathArg(a, 0, "umount"));
            return null;
        });
        m.Attributes["sync"] = Sync("sync", _ => null);
        FillOsExtras(m, Board.Options);
    }

    // With the flash mounted at "/", listing "/" is the flash's listing: mount points do not show.
    private async ValueTask<IReadOnlyList<VfsEntry>> ListAsync(string path, CancellationToken ct)
    {
        var (vfs, inner) = Resolve(path);
        return await vfs.ListDirAsync(inner, ct).ConfigureAwait(false);
    }

    private PyFunction PathFn(string name, Func<IBoardVfs, string, CancellationToken, ValueTask> op) =>
        Fn(name, async (a, _, ct) =>
        {
            var (vfs, inner) = Resolve(PathArg(a, 0, name));
            await op(vfs, inner, ct).ConfigureAwait(false);
            return null;
        });
}
