using Mpyd.Protocol.BoardFs;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.Tests.BoardFs;

public class BoardFsErrorsTests
{
    private const string Head = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n";

    [Theory]
    [InlineData("OSError: [Errno 2] ENOENT", 2)]
    [InlineData("OSError: 39", 39)]
    [InlineData("OSError: 20", 20)]
    [InlineData("OSError: ENOENT", 2)]
    [InlineData("OSError: [Errno 28] ENOSPC", 28)]
    [InlineData("OSError: EEXIST", 17)]
    [InlineData("OSError: EWHATEVER", 0)]
    [InlineData("OSError: could not open file", 0)]
    public void Os_errors_give_their_errno(string line, int errno)
    {
        Assert.Equal(errno, BoardFsErrors.ParseErrno(Head + line + "\r\n"));
        var e = BoardFsErrors.FromResult("dev", "/x", new ExecResult([], Head + line + "\r\n"));
        Assert.Equal("/x", e.Path);
        Assert.Equal(errno, e.Errno);
        Assert.Contains(line, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MemoryError: memory allocation failed")]
    [InlineData("UnicodeError: ")]
    [InlineData("")]
    public void Other_exceptions_are_errno_0(string line)
    {
        Assert.Null(BoardFsErrors.ParseErrno(Head + line));
        Assert.Equal(0, BoardFsErrors.FromResult("dev", null, new ExecResult([], Head + line)).Errno);
    }

    [Fact]
    public void A_missing_helper_is_recognised_by_its_name_only()
    {
        Assert.True(BoardFsErrors.IsHelperMissing(Head + "NameError: name '_mpyd_fr' isn't defined\r\n"));
        Assert.False(BoardFsErrors.IsHelperMissing(Head + "NameError: name 'x' isn't defined\r\n"));
        Assert.False(BoardFsErrors.IsHelperMissing(Head + "OSError: [Errno 2] ENOENT\r\n"));
    }
}
