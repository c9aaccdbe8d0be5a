using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class FileServerPathTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private FileServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new FileServer(new MountRoot(_dir.Path));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private Task<RemoteFsReply> Send(RemoteFsRequest request) => _server.HandleAsync(request, CancellationToken.None).AsTask();

    [Fact]
    public async Task StatOfAFileGivesTypePermissionsSizeAndTimes()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = _dir.Write("m.py", "print(1)\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        var mtime = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, mtime);

        var reply = Assert.IsType<StatReply>(await Send(new StatRequest("/m.py")));
        Assert.Equal(0x81A4u, reply.Mode);
        Assert.Equal(9u, reply.Size);
        Assert.Equal((uint)new DateTimeOffset(mtime).ToUnixTimeSeconds(), reply.ModifyTime);
    }

    [Fact]
    public async Task StatOfADirectoryAndOfTheRoot()
    {
        Directory.CreateDirectory(_dir.Combine("sub"));
        var sub = Assert.IsType<StatReply>(await Send(new StatRequest("/sub")));
        Assert.Equal(0x4000u, sub.Mode & 0xF000);
        var root = Assert.IsType<StatReply>(await Send(new StatRequest("/")));
        Assert.Equal(0x4000u, root.Mode & 0xF000);
    }

    [Fact]
    public async Task StatErrors()
    {
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/missing.py")));
        Assert.Equal(new StatusReply(-1), await Send(new StatRequest("/../x")));
        Assert.Equal(new StatusReply(-22), await Send(new StatRequest("/a\0b")));
    }

    [Fact]
    public async Task StatFollowsSymlinksInsideTheRoot()
    {
        _dir.Write("real.txt", "12345");
        File.CreateSymbolicLink(_dir.Combine("link.txt"), "real.txt");
        var reply = Assert.IsType<StatReply>(await Send(new StatRequest("/link.txt")));
        Assert.Equal(5u, reply.Size);
        Assert.Equal(0x8000u, reply.Mode & 0xF000);
    }

    [Fact]
    public async Task StatClampsTimesBefore1970()
    {
        var path = _dir.Write("old.txt", "x");
        File.SetLastWriteTimeUtc(path, new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var reply = Assert.IsType<StatReply>(await Send(new StatRequest("/old.txt")));
        Assert.Equal(0u, reply.ModifyTime);
    }

    [Fact]
    public async Task StatClampsSizesOf4GiBAndMore()
    {
        var path = _dir.Combine("huge.bin");
        using (var stream = File.Create(path))
            stream.SetLength(5L * 1024 * 1024 * 1024); // sparse on the file systems tests run on
        var reply = Assert.IsType<StatReply>(await Send(new StatRequest("/huge.bin")));
        Assert.Equal(uint.MaxValue, reply.Size);
    }

    [Fact]
    public async Task ListDirReturnsSortedEntriesWithTypeAndSize()
    {
        _dir.Write("b.txt", "bb");
        _dir.Write("a.py", "a");
        _dir.Write("Z.txt", "");
        Directory.CreateDirectory(_dir.Combine("dir"));
        Directory.CreateSymbolicLink(_dir.Combine("dirlink"), "dir");
        File.WriteAllText(_dir.Combine(".keep.mpyd-0000abcd.tmp"), "our temp file");

        var reply = Assert.IsType<ListDirReply>(await Send(new ListDirRequest("/")));
        Assert.Equal(
            [new DirEntry("Z.txt", 0x8000, 0), new DirEntry("a.py", 0x8000, 1), new DirEntry("b.txt", 0x8000, 2),
             new DirEntry("dir", 0x4000, 0), new DirEntry("dirlink", 0x4000, 0)],
            reply.Entries);
    }

    [Fact]
    public async Task ListDirErrors()
    {
        _dir.Write("f.txt", "");
        Assert.Equal(new StatusReply(-20), await Send(new ListDirRequest("/f.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new ListDirRequest("/none")));
        Assert.Equal(new StatusReply(-1), await Send(new ListDirRequest("/..")));
    }

    [Fact]
    public async Task ListDirShowsALinkOutsideAsAFileOfSizeZero()
    {
        using var outside = new TempDirectory();
        outside.Write("x.txt", "outside data");
        Directory.CreateSymbolicLink(_dir.Combine("out"), outside.Path);
        var reply = Assert.IsType<ListDirReply>(await Send(new ListDirRequest("/")));
        Assert.Equal([new DirEntry("out", 0x8000, 0)], reply.Entries);
        Assert.Equal(new StatusReply(-1), await Send(new ListDirRequest("/out")));
    }

    [Fact]
    public async Task NestedIlistdirDoesNotCorruptTheOuterListing()
    {
        Directory.CreateDirectory(_dir.Combine("a"));
        Directory.CreateDirectory(_dir.Combine("b"));
        _dir.Write("a/1", "");
        _dir.Write("b/2", "");
        _dir.Write("b/3", "");

        var seen = new List<string>();
        Assert.Equal(new StatusReply(0), await Send(new ListDirStartRequest("/")));
        while (await Send(new ListDirNextRequest()) is ListDirEntryReply { Name.Length: > 0 } outer)
        {
            seen.Add(outer.Name);
            Assert.Equal(0x4000u, outer.Type);
            Assert.Equal(new StatusReply(0), await Send(new ListDirStartRequest("/" + outer.Name)));
            while (await Send(new ListDirNextRequest()) is ListDirEntryReply { Name.Length: > 0 } inner)
                seen.Add(outer.Name + "/" + inner.Name);
        }
        Assert.Equal(["a", "a/1", "b", "b/2", "b/3"], seen);
        Assert.Equal(new ListDirEntryReply("", 0), await Send(new ListDirNextRequest()));
    }

    [Fact]
    public async Task ListDirStartOfAFileIsEnotdir()
    {
        _dir.Write("f", "");
        Assert.Equal(new StatusReply(-20), await Send(new ListDirStartRequest("/f")));
    }

    [Fact]
    public async Task StatFsDescribesTheDrive()
    {
        var reply = Assert.IsType<StatFsReply>(await Send(new StatFsRequest("/")));
        Assert.Equal(4096u, reply.BlockSize);
        Assert.True(reply.Blocks > 0);
        Assert.True(reply.AvailableBlocks <= reply.Blocks);
        Assert.Equal(255u, reply.NameMax);
        Assert.Equal(new StatusReply(-2), await Send(new StatFsRequest("/none")));
    }

    [Fact]
    public async Task RemoveFilesOnly()
    {
        _dir.Write("f.txt", "x");
        Directory.CreateDirectory(_dir.Combine("d"));
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/f.txt")));
        Assert.False(File.Exists(_dir.Combine("f.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new RemoveRequest("/f.txt")));
        Assert.Equal(new StatusReply(-21), await Send(new RemoveRequest("/d")));
        Assert.Equal(new StatusReply(-1), await Send(new RemoveRequest("/../x")));
    }

    [Fact]
    public async Task RemoveOfASymlinkRemovesTheLinkNotTheTarget()
    {
        _dir.Write("t.txt", "keep");
        File.CreateSymbolicLink(_dir.Combine("l.txt"), "t.txt");
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/l.txt")));
        Assert.Equal("keep", File.ReadAllText(_dir.Combine("t.txt")));
        Assert.False(Path.Exists(_dir.Combine("l.txt")));
    }

    [Fact]
    public async Task RenameReplacesTheTargetFile()
    {
        _dir.Write("a.txt", "new");
        _dir.Write("b.txt", "old");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/a.txt", "/b.txt")));
        Assert.Equal("new", File.ReadAllText(_dir.Combine("b.txt")));
        Assert.False(File.Exists(_dir.Combine("a.txt")));
    }

    [Fact]
    public async Task RenameDirectoriesAndErrors()
    {
        _dir.Write("d/x", "1");
        Directory.CreateDirectory(_dir.Combine("full"));
        _dir.Write("full/y", "");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/d", "/e")));
        Assert.True(File.Exists(_dir.Combine("e/x")));
        Assert.Equal(new StatusReply(-39), await Send(new RenameRequest("/e", "/full")));
        Assert.Equal(new StatusReply(-2), await Send(new RenameRequest("/none", "/z")));
        Assert.Equal(new StatusReply(-1), await Send(new RenameRequest("/e/x", "/../stolen")));
        Assert.Equal(new StatusReply(-1), await Send(new RenameRequest("/../outside", "/in")));
        Assert.True(File.Exists(_dir.Combine("e/x")));
    }

    [Fact]
    public async Task MakeDirAndRemoveDir()
    {
        Assert.Equal(new StatusReply(0), await Send(new MakeDirRequest("/new")));
        Assert.True(Directory.Exists(_dir.Combine("new")));
        Assert.Equal(new StatusReply(-17), await Send(new MakeDirRequest("/new")));
        Assert.Equal(new StatusReply(-2), await Send(new MakeDirRequest("/no/such/parent")));
        _dir.Write("new/f", "");
        Assert.Equal(new StatusReply(-39), await Send(new RemoveDirRequest("/new")));
        Assert.Equal(new StatusReply(-20), await Send(new RemoveDirRequest("/new/f")));
        File.Delete(_dir.Combine("new/f"));
        Assert.Equal(new StatusReply(0), await Send(new RemoveDirRequest("/new")));
        Assert.False(Directory.Exists(_dir.Combine("new")));
        Assert.Equal(new StatusReply(-2), await Send(new RemoveDirRequest("/new")));
        Assert.Equal(new StatusReply(-16), await Send(new RemoveDirRequest("/")));
        Assert.Equal(new StatusReply(-1), await Send(new MakeDirRequest("/../escape")));
    }

    [Fact]
    public async Task NothingOutsideTheRootIsTouched()
    {
        using var outside = new TempDirectory();
        var secret = outside.Write("secret.txt", "secret");
        File.CreateSymbolicLink(_dir.Combine("s.txt"), secret);
        Directory.CreateSymbolicLink(_dir.Combine("o"), outside.Path);

        Assert.Equal(new StatusReply(-1), await Send(new OpenRequest("/s.txt", "r")));
        Assert.Equal(new StatusReply(-1), await Send(new OpenRequest("/s.txt", "w")));
        Assert.Equal(new StatusReply(-1), await Send(new OpenRequest("/o/new.txt", "w")));
        Assert.Equal(new StatusReply(-1), await Send(new RemoveRequest("/o/secret.txt")));
        Assert.Equal(new StatusReply(-1), await Send(new MakeDirRequest("/o/d")));
        Assert.Equal(new StatusReply(-1), await Send(new StatRequest("/o/secret.txt")));
        Assert.Equal(["secret.txt"], Directory.GetFileSystemEntries(outside.Path).Select(Path.GetFileName));
        Assert.Equal("secret", File.ReadAllText(secret));
    }
}
