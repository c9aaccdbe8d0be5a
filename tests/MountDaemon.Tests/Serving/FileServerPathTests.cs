using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class FileServerPathTests : FileServerTestBase
{

    [Fact]
    public async Task StatOfAFileGivesTypePermissionsSizeAndTimes()
    {
        if (OperatingSystem.IsWindows())
            return;
        var path = Dir.Write("m.py", "print(1)\n");
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
        Directory.CreateDirectory(Dir.Combine("sub"));
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
        Dir.Write("real.txt", "12345");
        File.CreateSymbolicLink(Dir.Combine("link.txt"), "real.txt");
        var reply = Assert.IsType<StatReply>(await Send(new StatRequest("/link.txt")));
        Assert.Equal(5u, reply.Size);
        Assert.Equal(0x8000u, reply.Mode & 0xF000);
    }

    [Fact]
    public async Task StatClampsTimesBefore1970()
    {
        var path = Dir.Write("old.txt", "x");
        File.SetLastWriteTimeUtc(path, new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var reply = Assert.IsType<StatReply>(await Send(new StatRequest("/old.txt")));
        Assert.Equal(0u, reply.ModifyTime);
    }

    [Fact]
    public async Task StatClampsSizesOf4GiBAndMore()
    {
        var path = Dir.Combine("huge.bin");
        using (var stream = File.Create(path))
            stream.SetLength(5L * 1024 * 1024 * 1024); // sparse on the file systems tests run on
        var reply = Assert.IsType<StatReply>(await Send(new StatRequest("/huge.bin")));
        Assert.Equal(uint.MaxValue, reply.Size);
    }

    [Fact]
    public async Task ListDirReturnsSortedEntriesWithTypeAndSize()
    {
        Dir.Write("b.txt", "bb");
        Dir.Write("a.py", "a");
        Dir.Write("Z.txt", "");
        Directory.CreateDirectory(Dir.Combine("dir"));
        Directory.CreateSymbolicLink(Dir.Combine("dirlink"), "dir");
        File.WriteAllText(Dir.Combine(".keep.mpyd-0000abcd.tmp"), "our temp file");

        var reply = Assert.IsType<ListDirReply>(await Send(new ListDirRequest("/")));
        Assert.Equal(
            [new DirEntry("Z.txt", 0x8000, 0), new DirEntry("a.py", 0x8000, 1), new DirEntry("b.txt", 0x8000, 2),
             new DirEntry("dir", 0x4000, 0), new DirEntry("dirlink", 0x4000, 0)],
            reply.Entries);
    }

    [Fact]
    public async Task ListDirErrors()
    {
        Dir.Write("f.txt", "");
        Assert.Equal(new StatusReply(-20), await Send(new ListDirRequest("/f.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new ListDirRequest("/none")));
        Assert.Equal(new StatusReply(-1), await Send(new ListDirRequest("/..")));
    }

    [Fact]
    public async Task ListDirShowsALinkOutsideAsAFileOfSizeZero()
    {
        using var outside = new TempDirectory();
        outside.Write("x.txt", "outside data");
        Directory.CreateSymbolicLink(Dir.Combine("out"), outside.Path);
        var reply = Assert.IsType<ListDirReply>(await Send(new ListDirRequest("/")));
        Assert.Equal([new DirEntry("out", 0x8000, 0)], reply.Entries);
        Assert.Equal(new StatusReply(-1), await Send(new ListDirRequest("/out")));
    }

    [Fact]
    public async Task NestedIlistdirDoesNotCorruptTheOuterListing()
    {
        Directory.CreateDirectory(Dir.Combine("a"));
        Directory.CreateDirectory(Dir.Combine("b"));
        Dir.Write("a/1", "");
        Dir.Write("b/2", "");
        Dir.Write("b/3", "");

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
        Dir.Write("f", "");
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
        Dir.Write("f.txt", "x");
        Directory.CreateDirectory(Dir.Combine("d"));
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/f.txt")));
        Assert.False(File.Exists(Dir.Combine("f.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new RemoveRequest("/f.txt")));
        Assert.Equal(new StatusReply(-21), await Send(new RemoveRequest("/d")));
        Assert.Equal(new StatusReply(-1), await Send(new RemoveRequest("/../x")));
    }

    [Fact]
    public async Task RemoveOfASymlinkRemovesTheLinkNotTheTarget()
    {
        Dir.Write("t.txt", "keep");
        File.CreateSymbolicLink(Dir.Combine("l.txt"), "t.txt");
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/l.txt")));
        Assert.Equal("keep", File.ReadAllText(Dir.Combine("t.txt")));
        Assert.False(Path.Exists(Dir.Combine("l.txt")));
    }

    [Fact]
    public async Task RenameReplacesTheTargetFile()
    {
        Dir.Write("a.txt", "new");
        Dir.Write("b.txt", "old");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/a.txt", "/b.txt")));
        Assert.Equal("new", File.ReadAllText(Dir.Combine("b.txt")));
        Assert.False(File.Exists(Dir.Combine("a.txt")));
    }

    [Fact]
    public async Task RenameDirectoriesAndErrors()
    {
        Dir.Write("d/x", "1");
        Directory.CreateDirectory(Dir.Combine("full"));
        Dir.Write("full/y", "");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/d", "/e")));
        Assert.True(File.Exists(Dir.Combine("e/x")));
        Assert.Equal(new StatusReply(-39), await Send(new RenameRequest("/e", "/full")));
        Assert.Equal(new StatusReply(-2), await Send(new RenameRequest("/none", "/z")));
        Assert.Equal(new StatusReply(-1), await Send(new RenameRequest("/e/x", "/../stolen")));
        Assert.Equal(new StatusReply(-1), await Send(new RenameRequest("/../outside", "/in")));
        Assert.True(File.Exists(Dir.Combine("e/x")));
    }

    [Fact]
    public async Task MakeDirAndRemoveDir()
    {
        Assert.Equal(new StatusReply(0), await Send(new MakeDirRequest("/new")));
        Assert.True(Directory.Exists(Dir.Combine("new")));
        Assert.Equal(new StatusReply(-17), await Send(new MakeDirRequest("/new")));
        Assert.Equal(new StatusReply(-2), await Send(new MakeDirRequest("/no/such/parent")));
        Dir.Write("new/f", "");
        Assert.Equal(new StatusReply(-39), await Send(new RemoveDirRequest("/new")));
        Assert.Equal(new StatusReply(-20), await Send(new RemoveDirRequest("/new/f")));
        File.Delete(Dir.Combine("new/f"));
        Assert.Equal(new StatusReply(0), await Send(new RemoveDirRequest("/new")));
        Assert.False(Directory.Exists(Dir.Combine("new")));
        Assert.Equal(new StatusReply(-2), await Send(new RemoveDirRequest("/new")));
        Assert.Equal(new StatusReply(-16), await Send(new RemoveDirRequest("/")));
        Assert.Equal(new StatusReply(-1), await Send(new MakeDirRequest("/../escape")));
    }

    [Fact]
    public async Task NothingOutsideTheRootIsTouched()
    {
        using var outside = new TempDirectory();
        var secret = outside.Write("secret.txt", "secret");
        File.CreateSymbolicLink(Dir.Combine("s.txt"), secret);
        Directory.CreateSymbolicLink(Dir.Combine("o"), outside.Path);

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
