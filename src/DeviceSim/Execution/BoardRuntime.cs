using Mpyd.DeviceSim.Board;
using Mpyd.DeviceSim.FileSystem;
using Mpyd.DeviceSim.Mount;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Execution;

/// <summary>
/// The interpreter state of the simulated board: globals, sys.modules, sys.path, the VFS mount
/// table and current directory, the kbd_intr character. Everything here is cleared by a soft reboot.
/// </summary>
internal sealed partial class BoardRuntime
{
    private readonly List<(string Point, IBoardVfs Vfs)> _mounts = [];
    private IBoardVfs _cwdVfs;
    private string _cwdPoint = "/";

    public BoardRuntime(SimulatedBoard board)
    {
        Board = board;
        _builtins = new(MakeBuiltins);
        FlashVfs = new FlashVfs(board.Flash);
        _cwdVfs = FlashVfs;
        Reset();
    }

    public SimulatedBoard Board { get; }

    public BoardLink Link => Board.CurrentLink ?? throw new LinkClosedException();

    public FlashVfs FlashVfs { get; private set; }

    public Dictionary<string, object?> Globals { get; } = new(StringComparer.Ordinal);

    /// <summary>Modules loaded from files (built-ins are not cached here, as on MicroPython).</summary>
    public Dictionary<string, PyModule> SysModules { get; } = new(StringComparer.Ordinal);

    public List<object?> SysPath { get; private set; } = [];

    /// <summary>micropython.kbd_intr: the interrupt character while code runs (-1 = disabled).</summary>
    public int KbdIntrChar { get; set; } = 3;

    public bool IsMounted => _mounts.Any(m => m.Point == BoardProgramRecognizer.MountPoint);

    /// <summary>Soft reboot: forget everything but the flash contents.</summary>
    public void Reset()
    {
        Globals.Clear();
        Globals["__name__"] = "__main__";
        SysModules.Clear();
        SysPath = ["", ".frozen", "/lib"];
        KbdIntrChar = 3;
        _builtinModules.Clear();
        _mounts.Clear();
        FlashVfs = new FlashVfs(Board.Flash);
        _mounts.Add(("/", FlashVfs));
        _cwdVfs = FlashVfs;
        _cwdPoint = "/";
    }

    /// <summary>Code is about to run: Ctrl-C becomes an interrupt (set before the host can see "OK").</summary>
    public void EnterRunning() => Link.Input.InterruptChar = KbdIntrChar;

    /// <summary>Raises a pending KeyboardInterrupt (a "bytecode boundary").</summary>
    public void CheckInterrupt()
    {
        if (Board.CurrentLink is { } link && link.Input.TakeInterrupt())
            throw new PyException("KeyboardInterrupt", "");
    }

    // ---- VFS table (extmod/vfs.c lookup rules) ----

    public (IBoardVfs Vfs, string Path) Resolve(string path)
    {
        if (!path.StartsWith('/'))
            return (_cwdVfs, path);
        (string Point, IBoardVfs Vfs)? best = null;
        foreach (var m in _mounts)
        {
            var matches = m.Point == "/" || path == m.Point || path.StartsWith(m.Point + "/", StringComparison.Ordinal);
            if (matches && (best is null || m.Point.Length > best.Value.Point.Length))
                best = m;
        }
        var (point, vfs) = best ?? throw PyException.OSError((int)Errno.ENODEV);
        if (point == "/")
            return (vfs, path);
        var inner = path[point.Length..];
        return (vfs, inner.Length == 0 ? "/" : inner);
    }

    public string GetCwd()
    {
        var inner = _cwdVfs.GetCwd();
        if (_cwdPoint == "/")
            return inner;
        return inner == "/" ? _cwdPoint : _cwdPoint + inner;
    }

    public async ValueTask ChangeDirAsync(string path, CancellationToken ct)
    {
        var (vfs, inner) = Resolve(path);
        await vfs.ChangeDirAsync(inner, ct).ConfigureAwait(false);
        _cwdVfs = vfs;
        _cwdPoint = _mounts.First(m => m.Vfs == vfs).Point;
    }

    public void Mount(IBoardVfs vfs, string point)
    {
        if (_mounts.Any(m => m.Point == point))
            throw PyException.OSError((int)Errno.EPERM);
        _mounts.Add((point, vfs));
    }

    public void Unmount(string point)
    {
        var index = _mounts.FindIndex(m => m.Point == point && point != "/");
        if (index < 0)
            throw PyException.OSError((int)Errno.EINVAL);
        if (_cwdVfs == _mounts[index].Vfs)
        {
            _cwdVfs = FlashVfs;
            _cwdPoint = "/";
        }
        _mounts.RemoveAt(index);
    }

    /// <summary>_mpyd_mount(ahead, timeout_ms): mount the host at /remote and change into it (no traffic).</summary>
    public async ValueTask MountRemoteAsync(int readAhead, int timeoutMs, CancellationToken ct)
    {
        if (readAhead < 0)
            throw new PyException("ValueError", "negative read-ahead");
        if (IsMounted)
            Unmount(BoardProgramRecognizer.MountPoint);
        var vfs = new RemoteVfs(new MountClient(this, timeoutMs), readAhead);
        Mount(vfs, BoardProgramRecognizer.MountPoint);
        await ChangeDirAsync(BoardProgramRecognizer.MountPoint, ct).ConfigureAwait(false);
    }

    /// <summary>_mpyd_umount().</summary>
    public async ValueTask UnmountRemoteAsync(CancellationToken ct)
    {
        if (GetCwd().StartsWith(BoardProgramRecognizer.MountPoint, StringComparison.Ordinal))
            await ChangeDirAsync("/", ct).ConfigureAwait(false);
        Unmount(BoardProgramRecognizer.MountPoint);
    }
}
