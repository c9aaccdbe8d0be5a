using System.Buffers;
using System.Text;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.Protocol.Tests.RemoteFs;

/// <summary>One request and one fitting reply per op (several for ops with more than one reply shape).</summary>
internal static class RemoteFsSamples
{
    public static IReadOnlyList<(RemoteFsRequest Request, RemoteFsReply Reply)> All { get; } =
    [
        (new StatRequest("/mount_package"), new StatReply(0x41ED, 4096, 0x6B033C5C, 0x6B033C5C, 0x6B033C5C)),
        (new StatRequest("/x"), RemoteFsReply.Error(Errno.ENOENT)),
        (new StatRequest("/big"), new StatReply(0x81A4, uint.MaxValue, 0, 1, uint.MaxValue)),
        (new ListDirStartRequest("/"), new StatusReply(0)),
        (new ListDirStartRequest("/nope"), RemoteFsReply.Error(Errno.ENOENT)),
        (new ListDirNextRequest(), new ListDirEntryReply("café.py", 0x8000)),
        (new ListDirNextRequest(), new ListDirEntryReply("", 0)),
        (new OpenRequest("/mount_package/x.py", "rb"), new StatusReply(0)),
        (new OpenRequest("/ü/ß.txt", "w"), new StatusReply(127)),
        (new OpenRequest("", ""), RemoteFsReply.Error(Errno.EACCES)),
        (new CloseRequest(0), NoReply.Instance),
        (new CloseRequest(-128), NoReply.Instance),
        (new ReadRequest(0, 249), new DataReply(Encoding.UTF8.GetBytes("def x():\n  print(\"x\")\n"))),
        (new ReadRequest(3, -1), new DataReply([])),
        (new ReadRequest(1, 2048), new DataReply(Enumerable.Range(0, 3000).Select(i => (byte)i).ToArray())),
        (new ReadLineRequest(5), new DataReply("line\n"u8.ToArray())),
        (new WriteRequest(2, [0x18, 0x00, 0xFF, 0x04, 0x03]), new StatusReply(5)),
        (new WriteRequest(2, []), RemoteFsReply.Error(Errno.ENOSPC)),
        (new SeekRequest(0, -2, 2), new StatusReply(16)),
        (new SeekRequest(127, int.MinValue, 0), new StatusReply(-1)),
        (new RemoveRequest("/a"), new StatusReply(0)),
        (new RenameRequest("/a", "/b/c"), RemoteFsReply.Error(Errno.EXDEV)),
        (new MakeDirRequest("/sub"), RemoteFsReply.Error(Errno.EEXIST)),
        (new RemoveDirRequest("/sub"), new StatusReply(-39)),
        (new StatFsRequest("/"), new StatFsReply(4096, 1000, 500, 400, 255)),
        (new StatFsRequest("/x"), RemoteFsReply.Error(Errno.EPERM)),
        (new ListDirRequest("/"), new ListDirReply([new("lib", 0x4000, 0), new("main.py", 0x8000, 1234), new("日本.txt", 0x8000, 0)])),
        (new ListDirRequest("/empty"), new ListDirReply([])),
        (new ListDirRequest("/file"), RemoteFsReply.Error(Errno.ENOTDIR)),
        (new OpenReadRequest("/mod.py", 2048), new OpenReadReply(0, Encoding.UTF8.GetBytes("import os\n"))),
        (new OpenReadRequest("/big.bin", 16), new OpenReadReply(127, Enumerable.Range(0, 16).Select(i => (byte)i).ToArray())),
        (new OpenReadRequest("/empty", 249), new OpenReadReply(3, [])),
        (new OpenReadRequest("/nope.py", 2048), RemoteFsReply.Error(Errno.ENOENT)),
    ];

    public static byte[] EncodeRequest(RemoteFsRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RemoteFsCodec.WriteRequest(buffer, request);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeReply(RemoteFsRequest request, RemoteFsReply reply)
    {
        var buffer = new ArrayBufferWriter<byte>();
        RemoteFsCodec.WriteReply(buffer, request, reply);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Text form for comparisons: records holding arrays or lists compare by reference.</summary>
    public static string Describe(object? message) => message switch
    {
        null => "null",
        WriteRequest w => $"Write({w.Fd}, {Convert.ToHexString(w.Data)})",
        DataReply d => $"Data({Convert.ToHexString(d.Data)})",
        OpenReadReply o => $"OpenRead({o.Fd}, {Convert.ToHexString(o.Data)})",
        ListDirReply l => $"ListDir[{string.Join(", ", l.Entries)}]",
        _ => message.ToString()!,
    };
}
