using Mpyd.DeviceSim.Execution;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.DeviceSim.FileSystem;

/// <summary>The flash file system mounted at "/", with its own current directory (reset on soft reboot).</summary>
internal sealed class FlashVfs(FlashFileSystem flash) : IBoardVfs
{
    private string _cwd = "/";

    public FlashFileSystem Flash { get; } = flash;

    private string Abs(string path) => FlashFileSystem.Normalize(path, _cwd);

    public ValueTask<VfsStat> StatAsync(string path, CancellationToken cancellationToken) => new(Flash.Stat(Abs(path)));

    public ValueTask<VfsStatFs> StatFsAsync(string path, CancellationToken cancellationToken) => new(Flash.StatFs());

    public ValueTask<IReadOnlyList<VfsEntry>> ListDirAsync(string path, CancellationToken cancellationToken) => new(Flash.List(Abs(path)));

    public ValueTask<IVfsFile> OpenAsync(string path, string mode, CancellationToken cancellationToken)
    {
        var kind = mode.FirstOrDefault(c => c is 'r' or 'w' or 'a' or 'x');
        if (kind == default || mode.Any(c => !"rwaxbt+".Contains(c)))
            throw new PyException("ValueError", "invalid mode");
        var plus = mode.Contains('+');
        var content = Flash.Open(Abs(path), kind, create: kind != 'r', truncate: kind == 'w', exclusive: kind == 'x');
        IVfsFile file = new FlashFile(Flash, content, canRead: kind == 'r' || plus, canWrite: kind != 'r' || plus, append: kind == 'a');
        return new(file);
    }

    public ValueTask RemoveAsync(string path, CancellationToken cancellationToken)
    {
        Flash.Remove(Abs(path));
        return ValueTask.CompletedTask;
    }

    public ValueTask RenameAsync(string from, string to, CancellationToken cancellationToken)
    {
        Flash.Rename(Abs(from), Abs(to));
        return ValueTask.CompletedTask;
    }

    public ValueTask MakeDirAsync(string path, CancellationToken cancellationToken)
    {
        Flash.MakeDir(Abs(path));
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveDirAsync(string path, CancellationToken cancellationToken)
    {
        Flash.RemoveDir(Abs(path));
        return ValueTask.CompletedTask;
    }

    public ValueTask ChangeDirAsync(string path, CancellationToken cancellationToken)
    {
        var p = Abs(path);
        if (!Flash.Stat(p).IsDirectory)
            throw PyException.OSError((int)Errno.ENOTDIR);
        _cwd = p;
        return ValueTask.CompletedTask;
    }

    public string GetCwd() => _cwd;

    private sealed class FlashFile(FlashFileSystem flash, List<byte> content, bool canRead, bool canWrite, bool append) : IVfsFile
    {
        private long _pos;
        private bool _closed;

        private void Check(bool allowed)
        {
            if (_closed || !allowed)
                throw PyException.OSError((int)Errno.EBADF);
        }

        public ValueTask<byte[]> ReadAsync(int count, CancellationToken cancellationToken)
        {
            Check(canRead);
            var data = flash.ReadAt(content, _pos, count);
            _pos += data.Length;
            return new(data);
        }

        public ValueTask<byte[]> ReadIntoAsync(int count, CancellationToken cancellationToken) => ReadAsync(count, cancellationToken);

        public ValueTask<byte[]> ReadLineAsync(CancellationToken cancellationToken)
        {
            Check(canRead);
            var rest = flash.ReadAt(content, _pos, -1);
            var i = Array.IndexOf(rest, (byte)'\n');
            var line = i < 0 ? rest : rest[..(i + 1)];
            _pos += line.Length;
            return new(line);
        }

        public ValueTask<int> WriteAsync(byte[] data, CancellationToken cancellationToken)
        {
            Check(canWrite);
            if (append)
                _pos = flash.LengthOf(content);
            var n = flash.WriteAt(content, _pos, data);
            _pos += n;
            return new(n);
        }

        public ValueTask<long> SeekAsync(long offset, int whence, CancellationToken cancellationToken)
        {
            Check(true);
            var basePos = whence switch { 0 => 0, 1 => _pos, 2 => flash.LengthOf(content), _ => throw PyException.OSError((int)Errno.EINVAL) };
            var p = basePos + offset;
            if (p < 0)
                throw PyException.OSError((int)Errno.EINVAL);
            _pos = p;
            return new(_pos);
        }

        public ValueTask<long> TellAsync(CancellationToken cancellationToken) => SeekAsync(0, 1, cancellationToken);

        public ValueTask CloseAsync(CancellationToken cancellationToken)
        {
            _closed = true;
            return ValueTask.CompletedTask;
        }
    }
}
