using System.Text;
using Mpyd.DeviceSim.FileSystem;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Execution;

internal sealed partial class BoardRuntime
{
    // py/builtinimport: these are returned without touching any file system.
    private static readonly HashSet<string> s_nonExtensible = ["sys", "gc", "micropython", "builtins", "uctypes"];

    // v1.28.0's extensible built-ins: a file of the same name on sys.path wins.
    private static readonly HashSet<string> s_extensible =
    [
        "array", "binascii", "bluetooth", "collections", "cryptolib", "errno", "hashlib", "heapq", "io", "json",
        "machine", "os", "platform", "random", "re", "select", "socket", "string", "struct", "time", "websocket",
    ];

    // The reader buffer the board program's files report (stream ioctl 11).
    private const int ReaderBufferSize = 249;

    private bool CanLoadMpy => Board.Options.MpyVersion != 0;

    /// <summary>Print "imported ..." lines (off when the test API imports).</summary>
    public bool PrintImports { get; set; } = true;

    /// <summary>Files loaded by imports since the last call (what ImportAsync reports).</summary>
    public List<ImportedFile> LoadedFiles { get; } = [];

    /// <summary>`import a.b.c`: imports each level; returns (top, leaf).</summary>
    public async ValueTask<(PyModule Top, PyModule Leaf)> ImportDottedAsync(string dotted, CancellationToken ct)
    {
        var parts = dotted.Split('.');
        PyModule? top = null;
        PyModule? current = null;
        var name = "";
        foreach (var part in parts)
        {
            name = name.Length == 0 ? part : name + "." + part;
            current = await ImportOneAsync(name, part, current, ct).ConfigureAwait(false);
            top ??= current;
        }
        return (top!, current!);
    }

    private async ValueTask<PyModule> ImportOneAsync(string fullName, string name, PyModule? parent, CancellationToken ct)
    {
        if (SysModules.TryGetValue(fullName, out var cached))
            return cached;
        if (parent is null && s_nonExtensible.Contains(name))
            return GetBuiltinModule(name);
        var before = Board.RequestCount;
        if (parent is null)
        {
            foreach (var entry in SysPath.OfType<string>())
            {
                if (entry == ".frozen")
                    continue;
                var basePath = entry.Length == 0 ? name : entry.TrimEnd('/') + "/" + name;
                var found = await ProbeAsync(fullName, basePath, before, ct).ConfigureAwait(false);
                if (found is not null)
                    return found;
            }
            if (s_extensible.Contains(name))
                return GetBuiltinModule(name);
            throw new PyException("ImportError", $"no module named '{fullName}'");
        }
        if (parent.PackagePath is null)
            throw new PyException("ImportError", $"no module named '{fullName}'");
        var sub = await ProbeAsync(fullName, parent.PackagePath + "/" + name, before, ct).ConfigureAwait(false);
        if (sub is null)
            throw new PyException("ImportError", $"no module named '{fullName}'");
        parent.Attributes[name] = sub;
        return sub;
    }

    private async ValueTask<bool?> StatIsDirAsync(string path, CancellationToken ct)
    {
        try
        {
            var (vfs, inner) = Resolve(path);
            return (await vfs.StatAsync(inner, ct).ConfigureAwait(false)).IsDirectory;
        }
        catch (PyException)
        {
            // Any exception during an import stat means "not there" (extmod/vfs.c).
            return null;
        }
    }

    private async ValueTask<PyModule?> ProbeAsync(string fullName, string basePath, int requestsBefore, CancellationToken ct)
    {
        if (await StatIsDirAsync(basePath, ct).ConfigureAwait(false) == true)
        {
            var module = new PyModule(fullName) { PackagePath = basePath };
            SysModules[fullName] = module;
            try
            {
                foreach (var init in CandidateFiles(basePath + "/__init__"))
                {
                    if (await StatIsDirAsync(init, ct).ConfigureAwait(false) == false)
                    {
                        await LoadFileAsync(module, init, requestsBefore, ct).ConfigureAwait(false);
                        return module;
                    }
                }
            }
            catch (PyException)
            {
                // A failed import leaves nothing in sys.modules.
                SysModules.Remove(fullName);
                throw;
            }
            return module; // namespace package
        }
        foreach (var file in CandidateFiles(basePath))
        {
            if (await StatIsDirAsync(file, ct).ConfigureAwait(false) == false)
            {
                var module = new PyModule(fullName, AbsolutePath(file));
                await LoadFileAsync(module, file, requestsBefore, ct).ConfigureAwait(false);
                SysModules[fullName] = module;
                return module;
            }
        }
        return null;
    }

    private IEnumerable<string> CandidateFiles(string basePath)
    {
        yield return basePath + ".py";
        if (CanLoadMpy)
            yield return basePath + ".mpy";
    }

    private string AbsolutePath(string path) =>
        path.StartsWith('/') ? path : FlashFileSystem.Normalize(path, GetCwd());

    private async ValueTask LoadFileAsync(PyModule module, string path, int requestsBefore, CancellationToken ct)
    {
        var bytecode = path.EndsWith(".mpy", StringComparison.Ordinal);
        var absolute = AbsolutePath(path);
        var (vfs, inner) = Resolve(path);
        var file = await vfs.OpenAsync(inner, "rb", ct).ConfigureAwait(false);
        var content = new List<byte>();
        try
        {
            // The file reader fills its buffer with one readinto per chunk; a short fill is the end.
            while (true)
            {
                var chunk = await file.ReadIntoAsync(ReaderBufferSize, ct).ConfigureAwait(false);
                content.AddRange(chunk);
                if (bytecode && content.Count - chunk.Length < 4)
                {
                    if (content.Count >= 4)
                        CheckMpyHeader(content);
                    else if (chunk.Length < ReaderBufferSize)
                        throw new PyException("ValueError", "incompatible .mpy file");
                }
                if (chunk.Length < ReaderBufferSize)
                    break;
            }
            if (!bytecode && !IsValidUtf8(content))
                throw new PyException("SyntaxError", $"invalid UTF-8 in {absolute}");
        }
        catch (PyException)
        {
            // The loader closes its reader when it raises (an nlr jump callback on the board).
            try
            {
                await file.CloseAsync(ct).ConfigureAwait(false);
            }
            catch (PyException)
            {
            }
            throw;
        }
        await file.CloseAsync(ct).ConfigureAwait(false);
        var loaded = new ImportedFile(absolute, content.Count, bytecode, Board.RequestCount - requestsBefore);
        LoadedFiles.Add(loaded);
        module.Attributes["__file__"] = absolute;
        if (PrintImports)
            Link.Output.Program(loaded + "\n");
    }

    // persistentcode.c's header test: magic, version, sub-version (native code only), small-int bits, arch.
    private void CheckMpyHeader(List<byte> header)
    {
        var boardMpy = Board.Options.MpyVersion;
        var boardArch = (boardMpy >> 10) & 0xF;
        var fileArch = (header[2] >> 2) & 0xF;
        if (header[0] != (byte)'M' || header[1] != (boardMpy & 0xFF)
            || (fileArch != 0 && (header[2] & 3) != ((boardMpy >> 8) & 3))
            || header[3] > Board.Options.SmallIntBits)
            throw new PyException("ValueError", "incompatible .mpy file");
        if (fileArch != 0 && fileArch != boardArch)
            throw new PyException("ValueError", boardArch == 0 ? "native code in .mpy unsupported" : "incompatible .mpy arch");
    }

    private static bool IsValidUtf8(List<byte> content)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetString([.. content]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static bool IsKnownErrno(int errno) => Enum.IsDefined((Errno)errno);
}
