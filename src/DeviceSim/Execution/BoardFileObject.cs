using System.Text;
using Mpyd.DeviceSim.FileSystem;

namespace Mpyd.DeviceSim.Execution;

/// <summary>What open() returns: a file whose methods run on the board's VFS.</summary>
internal sealed class BoardFileObject(IVfsFile file, bool text)
{
    public bool Text { get; } = text;

    public IVfsFile File { get; } = file;

    private object Wrap(byte[] data) => Text ? Encoding.UTF8.GetString(data) : data;

    public async ValueTask<object?> CallAsync(string method, object?[] args, CancellationToken ct)
    {
        switch (method)
        {
            case "read":
                var n = args.Length > 0 && args[0] is not null ? Py.ToInt32(args[0], "read") : -1;
                return Wrap(await File.ReadAsync(n, ct).ConfigureAwait(false));
            case "readline":
                return Wrap(await File.ReadLineAsync(ct).ConfigureAwait(false));
            case "readlines":
                var lines = new List<object?>();
                while (true)
                {
                    var line = await File.ReadLineAsync(ct).ConfigureAwait(false);
                    if (line.Length == 0)
                        return lines;
                    lines.Add(Wrap(line));
                }
            case "write":
                var data = args.Length > 0 ? args[0] : throw PyException.Type("function missing 1 required positional arguments");
                // Like the board program (and MicroPython's streams), str and bytes are both accepted.
                byte[] bytes = data switch
                {
                    string s => Encoding.UTF8.GetBytes(s),
                    byte[] b => b,
                    _ => throw PyException.Type("object with buffer protocol required"),
                };
                return (System.Numerics.BigInteger)await File.WriteAsync(bytes, ct).ConfigureAwait(false);
            case "seek":
                var offset = args.Length > 0 ? Py.ToInt(args[0], "seek") : 0;
                var whence = args.Length > 1 ? Py.ToInt32(args[1], "seek") : 0;
                return (System.Numerics.BigInteger)await File.SeekAsync((long)offset, whence, ct).ConfigureAwait(false);
            case "tell":
                return (System.Numerics.BigInteger)await File.TellAsync(ct).ConfigureAwait(false);
            case "close":
                await File.CloseAsync(ct).ConfigureAwait(false);
                return null;
            case "flush":
                return null;
            default:
                throw new NotModelledException();
        }
    }

    public static bool HasMethod(string name) => name is "read" or "readline" or "readlines" or "write" or "seek" or "tell" or "close" or "flush";
}
