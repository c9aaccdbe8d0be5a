using Mpyd.MountDaemon.Commands.Fs;
using Mpyd.Protocol.BoardFs;

namespace Mpyd.MountDaemon.Tests.Commands.Fs;

public class FsErrorsTests
{
    [Theory]
    [InlineData(2, "cat: ENOENT.py: No such file or directory.")]
    [InlineData(21, "cat: ENOENT.py: Is a directory.")]
    [InlineData(17, "cat: ENOENT.py: File exists.")]
    [InlineData(19, "cat: ENOENT.py: No such device.")]
    [InlineData(22, "cat: ENOENT.py: Invalid argument.")]
    [InlineData(1, "cat: ENOENT.py: Operation not permitted.")]
    [InlineData(95, "cat: ENOENT.py: Operation not supported.")]
    [InlineData(28, "cat: ENOENT.py: No space left on device.")]
    [InlineData(200, "cat: ENOENT.py: Unknown error 200.")]
    public void BoardErrorsInMpremotesWording(int errno, string expected) =>
        Assert.Equal(expected, FsErrors.Board("cat", "ENOENT.py", new BoardFsException("ENOENT.py", errno, "OSError")).Message);

    [Fact]
    public void ANonOsErrorKeepsTheBoardsLastLine() =>
        Assert.Equal("ls: x: MemoryError: memory allocation failed",
            FsErrors.Board("ls", "x", new BoardFsException("x", 0, "Traceback:\n  File \"<stdin>\"\nMemoryError: memory allocation failed\n")).Message);

    [Fact]
    public void HostErrorsNameThePath()
    {
        Assert.Equal("cp: a.py: No such file or directory.", FsErrors.Host("cp", "a.py", new FileNotFoundException("x")).Message);
        Assert.Equal("cp: d/a.py: No such file or directory.", FsErrors.Host("cp", "d/a.py", new DirectoryNotFoundException("x")).Message);
        Assert.Equal("cp: a.py: Permission denied.", FsErrors.Host("cp", "a.py", new UnauthorizedAccessException("x")).Message);
        Assert.Equal("cp: a.py: No space left on device.", FsErrors.Host("cp", "a.py", new IOException("disk full", 28)).Message);
        Assert.Equal("cp: a.py: strange", FsErrors.Host("cp", "a.py", new IOException("strange", unchecked((int)0x80004005))).Message);
    }
}
