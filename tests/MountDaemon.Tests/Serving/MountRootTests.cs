using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class MountRootTests : IDisposable
{
    private readonly TempDirectory _outer = new();
    private readonly string _dir;

    public MountRootTests()
    {
        _dir = _outer.Combine("mnt");
        Directory.CreateDirectory(_dir);
        _outer.Write("secret.txt", "outside");
        _outer.Write("mnt/a/b.py", "x = 1\n");
    }

    public void Dispose() => _outer.Dispose();

    [Theory]
    [InlineData("/a/b.py", "a/b.py")]
    [InlineData("/", "")]
    [InlineData("", "")]
    [InlineData("//a//./b.py", "a/b.py")]
    [InlineData("/a/../a/b.py", "a/b.py")]
    [InlineData("/a/..", "")]
    [InlineData("a/b.py", "a/b.py")]
    public void ResolvesInsideTheRoot(string board, string relative)
    {
        var root = new MountRoot(_dir);
        Assert.True(root.TryResolve(board, out var resolved, out _));
        Assert.Equal(relative, resolved.Relative);
        Assert.Equal(relative.Length == 0 ? root.RootPath : Path.Join(root.RootPath, relative), resolved.HostPath);
    }

    [Theory]
    [InlineData("/..")]
    [InlineData("/../secret.txt")]
    [InlineData("/a/../../secret.txt")]
    [InlineData("../mnt/a/b.py")]
    public void DotDotAboveTheRootIsEperm(string board)
    {
        foreach (var unsafeLinks in new[] { false, true })
        {
            var root = new MountRoot(_dir, unsafeLinks);
            Assert.False(root.TryResolve(board, out var resolved, out var error));
            Assert.Null(resolved);
            Assert.Equal(Errno.EPERM, error);
        }
    }

    [Theory]
    [InlineData("/a\0/b.py")]
    [InlineData("/caf\uFFFD.txt")]
    public void NulAndReplacementCharacterAreEinval(string board)
    {
        var root = new MountRoot(_dir);
        Assert.False(root.TryResolve(board, out _, out var error));
        Assert.Equal(Errno.EINVAL, error);
    }

    [Fact]
    public void AbsoluteLookingNamesStayInside()
    {
        var root = new MountRoot(_dir);
        Assert.True(root.TryResolve("/" + _outer.Combine("secret.txt"), out var resolved, out _));
        Assert.StartsWith(root.RootPath + Path.DirectorySeparatorChar, resolved.RealPath, StringComparison.Ordinal);
    }

    [Fact]
    public void SymlinkOutIsEpermUnlessUnsafeLinks()
    {
        File.CreateSymbolicLink(Path.Join(_dir, "out.txt"), _outer.Combine("secret.txt"));
        Directory.CreateSymbolicLink(Path.Join(_dir, "up"), _outer.Path);

        var safe = new MountRoot(_dir);
        Assert.False(safe.TryResolve("/out.txt", out _, out var error));
        Assert.Equal(Errno.EPERM, error);
        Assert.False(safe.TryResolve("/up/secret.txt", out _, out error));
        Assert.Equal(Errno.EPERM, error);
        // Lexically inside, really the root's parent.
        Assert.False(safe.TryResolve("/up", out _, out error));
        Assert.Equal(Errno.EPERM, error);

        var unsafeRoot = new MountRoot(_dir, unsafeLinks: true);
        Assert.True(unsafeRoot.TryResolve("/out.txt", out var resolved, out _));
        Assert.Equal(_outer.Combine("secret.txt"), resolved.RealPath);
        Assert.True(unsafeRoot.TryResolve("/up/secret.txt", out _, out _));
    }

    [Fact]
    public void DanglingSymlinkOutIsRefused()
    {
        // Writing through it would create a file outside the root.
        File.CreateSymbolicLink(Path.Join(_dir, "new.txt"), _outer.Combine("created-outside.txt"));
        var root = new MountRoot(_dir);
        Assert.False(root.TryResolve("/new.txt", out _, out var error));
        Assert.Equal(Errno.EPERM, error);
    }

    [Fact]
    public void RelativeSymlinkClimbingOutIsRefused()
    {
        Directory.CreateDirectory(Path.Join(_dir, "d"));
        File.CreateSymbolicLink(Path.Join(_dir, "d", "sneaky"), "../../secret.txt");
        var root = new MountRoot(_dir);
        Assert.False(root.TryResolve("/d/sneaky", out _, out var error));
        Assert.Equal(Errno.EPERM, error);
    }

    [Fact]
    public void SymlinkInsideIsFollowed()
    {
        Directory.CreateSymbolicLink(Path.Join(_dir, "alias"), "a");
        var root = new MountRoot(_dir);
        Assert.True(root.TryResolve("/alias/b.py", out var resolved, out _));
        Assert.Equal(Path.Join(root.RootPath, "a", "b.py"), resolved.RealPath);
        Assert.Equal(Path.Join(root.RootPath, "alias", "b.py"), resolved.HostPath);
    }

    [Fact]
    public void SymlinkLoopIsEloop()
    {
        File.CreateSymbolicLink(Path.Join(_dir, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Join(_dir, "loop2"), "loop1");
        var root = new MountRoot(_dir);
        Assert.False(root.TryResolve("/loop1", out _, out var error));
        Assert.Equal(Errno.ELOOP, error);
    }

    [Fact]
    public void RootGivenThroughASymlinkUsesItsRealPath()
    {
        var link = _outer.Combine("mnt-link");
        Directory.CreateSymbolicLink(link, _dir);
        var root = new MountRoot(link);
        Assert.Equal(new MountRoot(_dir).RootPath, root.RootPath);
        Assert.True(root.TryResolve("/a/b.py", out var resolved, out _));
        Assert.True(File.Exists(resolved.RealPath));
    }

    [Fact]
    public void MissingDirectoryThrows()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new MountRoot(_outer.Combine("nope")));
    }
}
