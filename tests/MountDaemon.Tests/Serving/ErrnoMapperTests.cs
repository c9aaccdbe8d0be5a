using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class ErrnoMapperTests
{
    public static TheoryData<Exception, Errno> Cases => new()
    {
        { new FileNotFoundException(), Errno.ENOENT },
        { new DirectoryNotFoundException(), Errno.ENOENT },
        { new UnauthorizedAccessException(), Errno.EACCES },
        { new PathTooLongException(), Errno.ENAMETOOLONG },
        { new ArgumentException("bad"), Errno.EINVAL },
        { new NotSupportedException(), Errno.EOPNOTSUPP },
        { new InvalidOperationException(), Errno.EIO },
        { new IOException("generic"), Errno.EIO },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MapsExceptionTypes(Exception exception, Errno expected) =>
        Assert.Equal(expected, ErrnoMapper.FromException(exception));

    [Fact]
    public void WindowsHResultsAreTranslated()
    {
        Assert.Equal(Errno.ENOSPC, ErrnoMapper.FromHResult(unchecked((int)0x80070070)));
        Assert.Equal(Errno.ENOTEMPTY, ErrnoMapper.FromHResult(unchecked((int)0x80070091)));
        Assert.Equal(Errno.EBUSY, ErrnoMapper.FromHResult(unchecked((int)0x80070020)));
    }

    [Fact]
    public void RealHostFailuresMapToLinuxNumbers()
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var dir = new TempDirectory();
        dir.Write("full/x", "");
        var notEmpty = Assert.ThrowsAny<IOException>(() => Directory.Delete(dir.Combine("full")));
        Assert.Equal(Errno.ENOTEMPTY, ErrnoMapper.FromException(notEmpty));
        var missing = Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(dir.Combine("none")));
        Assert.Equal(Errno.ENOENT, ErrnoMapper.FromException(missing));
        // /dev/full reports ENOSPC on every write.
        if (File.Exists("/dev/full"))
        {
            var full = Assert.ThrowsAny<IOException>(() =>
            {
                using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                stream.Write(new byte[16]);
                stream.Flush();
            });
            Assert.Equal(Errno.ENOSPC, ErrnoMapper.FromException(full));
        }
    }
}
