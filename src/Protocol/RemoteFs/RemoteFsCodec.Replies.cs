using System.Buffers;

namespace Mpyd.Protocol.RemoteFs;

public static partial class RemoteFsCodec
{
    /// <summary>
    /// Host side: writes the reply to <paramref name="request"/>. Nothing is written for Close.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The reply type does not fit the request, a status is outside its field's range (s8 for
    /// Stat/ListDirStart/Open/StatFs/ListDir), an error-form status of Stat/StatFs/ListDir is not
    /// negative, or a listing has an empty name (which would end it early). Nothing is written then.
    /// </exception>
    public static void WriteReply(IBufferWriter<byte> output, RemoteFsRequest request, RemoteFsReply reply)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ValidateReply(request, reply);
        switch (request.Op, reply)
        {
            case (RemoteFsOp.Stat or RemoteFsOp.StatFs or RemoteFsOp.ListDir or RemoteFsOp.ListDirStart or RemoteFsOp.Open
                      or RemoteFsOp.OpenRead,
                  StatusReply s):
                WriteS8(output, s.Value, "status");
                break;
            case (_, StatusReply s):
                WriteS32(output, s.Value);
                break;
            case (_, StatReply s):
                WriteS8(output, 0, "status");
                WriteU32(output, s.Mode);
                WriteU32(output, s.Size);
                WriteU32(output, s.AccessTime);
                WriteU32(output, s.ModifyTime);
                WriteU32(output, s.ChangeTime);
                break;
            case (_, StatFsReply s):
                WriteS8(output, 0, "status");
                WriteU32(output, s.BlockSize);
                WriteU32(output, s.Blocks);
                WriteU32(output, s.FreeBlocks);
                WriteU32(output, s.AvailableBlocks);
                WriteU32(output, s.NameMax);
                break;
            case (_, ListDirReply l):
                WriteS8(output, 0, "status");
                foreach (var e in l.Entries)
                {
                    WriteString(output, e.Name);
                    WriteU32(output, e.Type);
                    WriteU32(output, e.Size);
                }
                WriteS32(output, 0);
                break;
            case (_, ListDirEntryReply e):
                WriteString(output, e.Name);
                if (e.Name.Length > 0)
                    WriteU32(output, e.Type);
                break;
            case (_, DataReply d):
                WriteBytes(output, d.Data);
                break;
            case (_, OpenReadReply o):
                WriteS8(output, o.Fd, "fd");
                WriteBytes(output, o.Data);
                break;
            case (_, NoReply):
                break;
        }
    }

    /// <summary>
    /// Board side: decodes the host's reply to <paramref name="request"/>. Returns false when more
    /// bytes are needed; the reader is then not advanced. Close completes at once with <see cref="NoReply"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A length field is negative or too large.</exception>
    public static bool TryReadReply(RemoteFsRequest request, ref SequenceReader<byte> reader, out RemoteFsReply? reply)
    {
        ArgumentNullException.ThrowIfNull(request);
        var r = reader;
        reply = request.Op switch
        {
            RemoteFsOp.Stat => TryReadStatusThen(ref r, ReadStat),
            RemoteFsOp.StatFs => TryReadStatusThen(ref r, ReadStatFs),
            RemoteFsOp.ListDir => TryReadStatusThen(ref r, ReadListing),
            RemoteFsOp.OpenRead => ReadOpened(ref r),
            RemoteFsOp.ListDirStart or RemoteFsOp.Open => TryReadS8(ref r, out var s8) ? new StatusReply(s8) : null,
            RemoteFsOp.ListDirNext => ReadEntry(ref r),
            RemoteFsOp.Close => NoReply.Instance,
            RemoteFsOp.Read or RemoteFsOp.ReadLine =>
                TryReadBytes(ref r, MaxDataLength, "read data", out var data) ? new DataReply(data) : null,
            RemoteFsOp.Write or RemoteFsOp.Seek or RemoteFsOp.Remove or RemoteFsOp.Rename
                or RemoteFsOp.MakeDir or RemoteFsOp.RemoveDir => TryReadS32(ref r, out var s32) ? new StatusReply(s32) : null,
            _ => throw new ArgumentException($"unknown op {request.Op}", nameof(request)),
        };
        if (reply is null)
            return false;
        reader = r;
        return true;
    }

    private delegate RemoteFsReply? ReplyBodyReader(ref SequenceReader<byte> reader);

    private static RemoteFsReply? TryReadStatusThen(ref SequenceReader<byte> reader, ReplyBodyReader body)
    {
        if (!TryReadS8(ref reader, out var status))
            return null;
        return status != 0 ? new StatusReply(status) : body(ref reader);
    }

    private static RemoteFsReply? ReadStat(ref SequenceReader<byte> r) =>
        TryReadU32(ref r, out var mode) && TryReadU32(ref r, out var size) && TryReadU32(ref r, out var atime)
        && TryReadU32(ref r, out var mtime) && TryReadU32(ref r, out var ctime)
            ? new StatReply(mode, size, atime, mtime, ctime)
            : null;

    private static RemoteFsReply? ReadStatFs(ref SequenceReader<byte> r) =>
        TryReadU32(ref r, out var bs) && TryReadU32(ref r, out var blocks) && TryReadU32(ref r, out var free)
        && TryReadU32(ref r, out var avail) && TryReadU32(ref r, out var nameMax)
            ? new StatFsReply(bs, blocks, free, avail, nameMax)
            : null;

    private static RemoteFsReply? ReadListing(ref SequenceReader<byte> r)
    {
        var entries = new List<DirEntry>();
        while (true)
        {
            if (!TryReadString(ref r, "name", out var name))
                return null;
            if (name.Length == 0)
                return new ListDirReply(entries);
            if (!TryReadU32(ref r, out var type) || !TryReadU32(ref r, out var size))
                return null;
            entries.Add(new DirEntry(name, type, size));
        }
    }

    // s8 fd (negative: the error, nothing follows), then the first bytes.
    private static RemoteFsReply? ReadOpened(ref SequenceReader<byte> r)
    {
        if (!TryReadS8(ref r, out var fd))
            return null;
        if (fd < 0)
            return new StatusReply(fd);
        return TryReadBytes(ref r, MaxDataLength, "read data", out var data) ? new OpenReadReply(fd, data) : null;
    }

    private static RemoteFsReply? ReadEntry(ref SequenceReader<byte> r)
    {
        if (!TryReadString(ref r, "name", out var name))
            return null;
        if (name.Length == 0)
            return new ListDirEntryReply("", 0);
        return TryReadU32(ref r, out var type) ? new ListDirEntryReply(name, type) : null;
    }

    // Checks everything before a byte is written, so a refused reply leaves the output untouched.
    private static void ValidateReply(RemoteFsRequest request, RemoteFsReply reply)
    {
        var op = request.Op;
        var fits = (op, reply) switch
        {
            (RemoteFsOp.Stat, StatReply or StatusReply) => true,
            (RemoteFsOp.StatFs, StatFsReply or StatusReply) => true,
            (RemoteFsOp.ListDir, ListDirReply or StatusReply) => true,
            (RemoteFsOp.ListDirStart or RemoteFsOp.Open, StatusReply) => true,
            (RemoteFsOp.OpenRead, OpenReadReply or StatusReply) => true,
            (RemoteFsOp.ListDirNext, ListDirEntryReply) => true,
            (RemoteFsOp.Close, NoReply) => true,
            (RemoteFsOp.Read or RemoteFsOp.ReadLine, DataReply) => true,
            (RemoteFsOp.Write or RemoteFsOp.Seek or RemoteFsOp.Remove or RemoteFsOp.Rename
                or RemoteFsOp.MakeDir or RemoteFsOp.RemoveDir, StatusReply) => true,
            _ => false,
        };
        if (!fits)
            throw new ArgumentException($"a {reply.GetType().Name} does not answer a {op} request", nameof(reply));

        if (reply is StatusReply s)
        {
            var isS8 = op is RemoteFsOp.Stat or RemoteFsOp.StatFs or RemoteFsOp.ListDir or RemoteFsOp.ListDirStart or RemoteFsOp.Open
                or RemoteFsOp.OpenRead;
            if (isS8 && (s.Value < sbyte.MinValue || s.Value > sbyte.MaxValue))
                throw new ArgumentException($"{op} status {s.Value} does not fit the protocol's signed byte (-128..127)", nameof(reply));
            // Status 0 would promise a body that does not follow.
            if (op is RemoteFsOp.Stat or RemoteFsOp.StatFs or RemoteFsOp.ListDir or RemoteFsOp.OpenRead && s.Value >= 0)
                throw new ArgumentException($"the error form of a {op} reply needs a negative status, not {s.Value}", nameof(reply));
        }
        else if (reply is ListDirReply l)
        {
            foreach (var e in l.Entries)
            {
                if (e.Name.Length == 0)
                    throw new ArgumentException("a listing entry has an empty name, which would end the listing early", nameof(reply));
            }
        }
        else if (reply is DataReply d && d.Data.Length > MaxDataLength)
        {
            throw new ArgumentException($"reply data of {d.Data.Length} bytes exceeds {MaxDataLength}", nameof(reply));
        }
        else if (reply is OpenReadReply o)
        {
            if (o.Fd is < 0 or > sbyte.MaxValue)
                throw new ArgumentException($"OpenRead fd {o.Fd} is outside 0..127", nameof(reply));
            if (o.Data.Length > MaxDataLength)
                throw new ArgumentException($"reply data of {o.Data.Length} bytes exceeds {MaxDataLength}", nameof(reply));
        }
    }
}
