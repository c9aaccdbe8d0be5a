namespace Mpyd.MountDaemon.Serving;

/// <summary>The fd table: fds are s8 on the wire, so slots 0..127; OPEN takes the lowest free one.</summary>
internal sealed class OpenFileTable
{
    public const int Capacity = 128;

    private readonly OpenFile?[] _slots = new OpenFile?[Capacity];

    public int Count { get; private set; }

    /// <summary>The new fd, or -1 when every slot is taken.</summary>
    public int Add(OpenFile file)
    {
        var fd = Array.IndexOf(_slots, null);
        if (fd < 0)
            return -1;
        _slots[fd] = file;
        Count++;
        return fd;
    }

    public OpenFile? Get(int fd) => fd is >= 0 and < Capacity ? _slots[fd] : null;

    public OpenFile? Remove(int fd)
    {
        var file = Get(fd);
        if (file is not null)
        {
            _slots[fd] = null;
            Count--;
        }
        return file;
    }

    /// <summary>Open files, lowest fd first.</summary>
    public IEnumerable<OpenFile> All() => _slots.OfType<OpenFile>();

    /// <summary>Empties the table, returning what was open (lowest fd first).</summary>
    public List<OpenFile> RemoveAll()
    {
        var all = new List<OpenFile>();
        for (var fd = 0; fd < Capacity; fd++)
        {
            if (_slots[fd] is { } file)
                all.Add(file);
            _slots[fd] = null;
        }
        Count = 0;
        return all;
    }
}
