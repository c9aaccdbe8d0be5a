using System.IO.Compression;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Mpyd.DeviceSim.FileSystem;
using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.Execution;

// mpyd's board file helper (Protocol/BoardFs/mpyd_fs.py), run natively: same output, same errors,
// same temporary-file-then-rename writes. Its state lives in the closures bound in Globals, so a
// soft reboot (which clears Globals) forgets it, as the board forgets the Python functions.
internal sealed partial class BoardRuntime
{
    private sealed class FsHelperWrite
    {
        public IVfsFile? File;
        public string TempPath = "";
    }

    // The top level of mpyd_fs.py: its import, its two globals and its functions.
    private async ValueTask DefineFsHelperAsync(CancellationToken ct)
    {
        Globals["os"] = (await ImportDottedAsync("os", ct).ConfigureAwait(false)).Top;
        Globals["binascii"] = (await ImportDottedAsync("binascii", ct).ConfigureAwait(false)).Top;
        Globals["_mpyd_ff"] = null;
        Globals["_mpyd_ft"] = null;
        var write = new FsHelperWrite();
        Globals["_mpyd_fisdir"] = Fn("_mpyd_fisdir", async (a, _, c) =>
            (BigInteger)(await IsDirectoryAsync(PathArg(a, 0, "_mpyd_fisdir"), c).ConfigureAwait(false) ? 0x4000 : 0));
        Globals["_mpyd_fo"] = Fn("_mpyd_fo", async (a, _, c) =>
        {
            var path = PathArg(a, 0, "_mpyd_fo");
            await AbandonHelperWriteAsync(write, c).ConfigureAwait(false);
            if (await IsDirectoryAsync(path, c).ConfigureAwait(false))
                throw PyException.OSError((int)Errno.EISDIR);
            write.TempPath = path + BoardFsHelper.TempSuffix;
            var (vfs, inner) = Resolve(write.TempPath);
            write.File = await vfs.OpenAsync(inner, "wb", c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fw"] = Fn("_mpyd_fw", async (a, _, c) =>
        {
            await OpenHelperFile(write).WriteAsync(BytesArg(a, 0, "_mpyd_fw"), c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fa"] = Fn("_mpyd_fa", async (a, _, c) =>
        {
            var data = Base64Arg(a, 0, "_mpyd_fa");
            await OpenHelperFile(write).WriteAsync(data, c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fz"] = Fn("_mpyd_fz", async (a, _, c) =>
        {
            var compressed = Base64Arg(a, 0, "_mpyd_fz");
            var windowBits = Py.ToInt32(Arg(a, 1, "_mpyd_fz"), "w");
            if (!Board.Options.HasDeflate)
                throw new PyException("ImportError", "no module named 'zlib'");
            await OpenHelperFile(write).WriteAsync(Inflate(compressed, windowBits), c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fc"] = Fn("_mpyd_fc", async (a, _, c) =>
        {
            var path = PathArg(a, 0, "_mpyd_fc");
            var file = OpenHelperFile(write, "close");
            write.File = null;
            await file.CloseAsync(c).ConfigureAwait(false);
            var (from, fromPath) = Resolve(write.TempPath);
            var (to, toPath) = Resolve(path);
            if (from != to)
                throw PyException.OSError((int)Errno.EXDEV);
            await from.RenameAsync(fromPath, toPath, c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fx"] = Fn("_mpyd_fx", async (_, _, c) =>
        {
            await AbandonHelperWriteAsync(write, c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fr"] = Fn("_mpyd_fr", async (a, _, c) =>
        {
            await HelperReadAsync(PathArg(a, 0, "_mpyd_fr"), Py.ToInt32(Arg(a, 1, "_mpyd_fr"), "n"), c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fh"] = Fn("_mpyd_fh", async (a, _, c) =>
        {
            await HelperHashAsync(PathArg(a, 0, "_mpyd_fh"), Py.ToStr(Arg(a, 1, "_mpyd_fh"), "algorithm"), c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_fd"] = Fn("_mpyd_fd", async (_, _, c) =>
        {
            await HelperUsageAsync(c).ConfigureAwait(false);
            return null;
        });
    }

    private static byte[] Base64Arg(object?[] args, int i, string fn)
    {
        try
        {
            return Convert.FromBase64String(Encoding.ASCII.GetString(BytesArg(args, i, fn)));
        }
        catch (FormatException)
        {
            throw new PyException("ValueError", "incorrect padding");
        }
    }

    // deflate.DeflateIO(..., deflate.RAW, bits).read(): a back reference beyond the window is an error, as on the board.
    private static byte[] Inflate(byte[] compressed, int windowBits)
    {
        if (windowBits is < 5 or > 15)
            throw new PyException("ValueError", "");
        byte[] data;
        try
        {
            using var input = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            data = output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw PyException.OSError((int)Errno.EINVAL);
        }
        // Stricter than the board (which fails only on a back reference beyond the window): a chunk
        // longer than the window could have one, so the host must size the window to the chunk.
        if (data.Length > 1 << windowBits)
            throw PyException.OSError((int)Errno.EINVAL);
        return data;
    }

    // Calling a method on the helper's _mpyd_ff while it is None.
    private static IVfsFile OpenHelperFile(FsHelperWrite write, string method = "write") =>
        write.File ?? throw new PyException("AttributeError", $"'NoneType' object has no attribute '{method}'");

    private async ValueTask<bool> IsDirectoryAsync(string path, CancellationToken ct)
    {
        try
        {
            var (vfs, inner) = Resolve(path);
            return (await vfs.StatAsync(inner, ct).ConfigureAwait(false)).IsDirectory;
        }
        catch (PyException e) when (e.TypeName == "OSError")
        {
            return false;
        }
    }

    private async ValueTask AbandonHelperWriteAsync(FsHelperWrite write, CancellationToken ct)
    {
        if (write.File is not { } file)
            return;
        write.File = null;
        try
        {
            await file.CloseAsync(ct).ConfigureAwait(false);
        }
        catch (PyException e) when (e.TypeName == "OSError")
        {
            // As the helper: a failing close does not stop the clean-up.
        }
        try
        {
            var (vfs, inner) = Resolve(write.TempPath);
            await vfs.RemoveAsync(inner, ct).ConfigureAwait(false);
        }
        catch (PyException e) when (e.TypeName == "OSError")
        {
            // Already gone.
        }
    }

    // One line per chunk: the bytes' repr, or '=' and base64 when that is shorter (as the helper).
    private async ValueTask HelperReadAsync(string path, int n, CancellationToken ct)
    {
        if (await IsDirectoryAsync(path, ct).ConfigureAwait(false))
            throw PyException.OSError((int)Errno.EISDIR);
        var (vfs, inner) = Resolve(path);
        var file = await vfs.OpenAsync(inner, "rb", ct).ConfigureAwait(false);
        try
        {
            while (true)
            {
                CheckInterrupt();
                var chunk = await file.ReadAsync(n, ct).ConfigureAwait(false);
                if (chunk.Length == 0)
                    break;
                var repr = PyFormat.Repr(chunk);
                var base64 = Convert.ToBase64String(chunk);
                Link.Output.Program((repr.Length < base64.Length + 1 ? repr : "=" + base64) + "\n");
                await Link.Output.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await file.CloseAsync(ct).ConfigureAwait(false);
        }
    }

    // The sim's hashlib has sha256 only, like many small ports.
    private async ValueTask HelperHashAsync(string path, string algorithm, CancellationToken ct)
    {
        if (algorithm != "sha256")
        {
            Link.Output.Program("None\n");
            return;
        }
        if (await IsDirectoryAsync(path, ct).ConfigureAwait(false))
            throw PyException.OSError((int)Errno.EISDIR);
        var (vfs, inner) = Resolve(path);
        var file = await vfs.OpenAsync(inner, "rb", ct).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            while (true)
            {
                var chunk = await file.ReadIntoAsync(512, ct).ConfigureAwait(false);
                if (chunk.Length == 0)
                    break;
                hash.AppendData(chunk);
            }
        }
        finally
        {
            await file.CloseAsync(ct).ConfigureAwait(false);
        }
        Link.Output.Program(Convert.ToHexStringLower(hash.GetHashAndReset()) + "\n");
    }

    // The board has no vfs module: the helper's fallback (type '<unknown>'), '/' and the top-level directories whose
    // statvfs differs from it (here: the mount points, e.g. /remote, whose statvfs fails and is skipped).
    private async ValueTask HelperUsageAsync(CancellationToken ct)
    {
        var points = new List<string> { "/" };
        points.AddRange(_mounts.Where(m => m.Point != "/").Select(m => m.Point));
        foreach (var point in points)
        {
            VfsStatFs s;
            try
            {
                var (vfs, inner) = Resolve(point);
                s = await vfs.StatFsAsync(inner, ct).ConfigureAwait(false);
            }
            catch (PyException e) when (e.TypeName == "OSError")
            {
                continue;
            }
            long size = (long)s.BlockSize * s.Blocks;
            if (size == 0)
                continue;
            var row = PyTuple.Of(point, (BigInteger)size, (BigInteger)((long)s.BlockSize * (s.Blocks - s.Free)), (BigInteger)((long)s.BlockSize * s.Available),
                "<unknown>");
            Link.Output.Program(PyFormat.Repr(row) + "\n");
        }
    }
}
