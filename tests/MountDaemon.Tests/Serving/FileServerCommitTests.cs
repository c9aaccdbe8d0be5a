using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class FileServerCommitTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly List<PartialFileKeptEventArgs> _partials = [];
    private FileServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new FileServer(new MountRoot(_dir.Path));
        _server.PartialFileKept += (_, e) => _partials.Add(e);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private Task<RemoteFsReply> Send(RemoteFsRequest request) => _server.HandleAsync(request, CancellationToken.None).AsTask();

    private async Task<int> OpenAndWrite(string path, string mode, string data)
    {
        var fd = Assert.IsType<StatusReply>(await Send(new OpenRequest(path, mode))).Value;
        Assert.True(fd >= 0);
        Assert.Equal(new StatusReply(data.Length), await Send(new WriteRequest(fd, System.Text.Encoding.ASCII.GetBytes(data))));
        return fd;
    }

    private string[] Names() => [.. Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task UnclosedWriteIsInvisibleUntilCommitted()
    {
        _dir.Write("log.txt", "old");
        await OpenAndWrite("/log.txt", "w", "new data");
        // Staged beside the target, flushed: the data is on disk, the target is unchanged.
        var temp = Assert.Single(Names(), n => n.StartsWith(".log.txt.mpyd-", StringComparison.Ordinal));
        Assert.EndsWith(".tmp", temp, StringComparison.Ordinal);
        Assert.Equal("new data", File.ReadAllText(_dir.Combine(temp)));
        Assert.Equal("old", File.ReadAllText(_dir.Combine("log.txt")));

        Assert.Equal(1, await _server.CommitOpenFilesAsync(CancellationToken.None));
        Assert.Equal("new data", File.ReadAllText(_dir.Combine("log.txt")));
        Assert.Equal(["log.txt"], Names());
        Assert.Equal(0, _server.OpenFileCount);
        Assert.Empty(_partials);
    }

    [Fact]
    public async Task AbandonLeavesTargetsUntouchedAndKeepsPartialData()
    {
        _dir.Write("a.txt", "original a");
        await OpenAndWrite("/a.txt", "w", "half");
        await OpenAndWrite("/b.txt", "w", "new file");
        _dir.Write("c.txt", "original c");
        await OpenAndWrite("/c.txt", "a", "+more");

        var partials = await _server.AbandonOpenFilesAsync("board disconnected", CancellationToken.None);

        Assert.Equal("original a", File.ReadAllText(_dir.Combine("a.txt")));
        Assert.False(File.Exists(_dir.Combine("b.txt")));
        Assert.Equal("original c", File.ReadAllText(_dir.Combine("c.txt")));
        Assert.Equal("half", File.ReadAllText(_dir.Combine("a.txt.mpyd-partial")));
        Assert.Equal("new file", File.ReadAllText(_dir.Combine("b.txt.mpyd-partial")));
        Assert.Equal("original c+more", File.ReadAllText(_dir.Combine("c.txt.mpyd-partial")));
        Assert.Equal(["a.txt", "a.txt.mpyd-partial", "b.txt.mpyd-partial", "c.txt", "c.txt.mpyd-partial"], Names());
        Assert.Equal(3, partials.Count);
        Assert.Equal(3, _partials.Count);
        Assert.All(_partials, p => Assert.Equal("board disconnected", p.Reason));
        Assert.Contains(_partials, p => p.TargetPath.EndsWith("b.txt", StringComparison.Ordinal) && p.PartialPath == _dir.Combine("b.txt.mpyd-partial"));
        Assert.Equal(0, _server.OpenFileCount);
    }

    [Fact]
    public async Task AbandonWithoutWritesLeavesNothingBehind()
    {
        _dir.Write("keep.txt", "keep");
        Assert.Equal(0, Assert.IsType<StatusReply>(await Send(new OpenRequest("/keep.txt", "w"))).Value);
        Assert.Equal(1, Assert.IsType<StatusReply>(await Send(new OpenRequest("/keep.txt", "r"))).Value);
        Assert.Empty(await _server.AbandonOpenFilesAsync("timeout", CancellationToken.None));
        Assert.Equal(["keep.txt"], Names());
        Assert.Equal("keep", File.ReadAllText(_dir.Combine("keep.txt")));
    }

    [Fact]
    public async Task CommitOfAnUntouchedReadPlusLeavesTheFileAsItWas()
    {
        var path = _dir.Write("same.txt", "same");
        var before = File.GetLastWriteTimeUtc(path);
        Assert.Equal(0, Assert.IsType<StatusReply>(await Send(new OpenRequest("/same.txt", "r+"))).Value);
        await _server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal(["same.txt"], Names());
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task CloseCommitsAndDisposeAbandons()
    {
        var fd = await OpenAndWrite("/closed.txt", "w", "done");
        await Send(new CloseRequest(fd));
        Assert.Equal("done", File.ReadAllText(_dir.Combine("closed.txt")));

        await OpenAndWrite("/open.txt", "w", "pending");
        await _server.DisposeAsync();
        Assert.False(File.Exists(_dir.Combine("open.txt")));
        Assert.Equal("pending", File.ReadAllText(_dir.Combine("open.txt.mpyd-partial")));
        _server = new FileServer(new MountRoot(_dir.Path));
    }

    [Fact]
    public async Task NewerPartialReplacesAnOlderOne()
    {
        await OpenAndWrite("/p.txt", "w", "first");
        await _server.AbandonOpenFilesAsync("fault 1", CancellationToken.None);
        await OpenAndWrite("/p.txt", "w", "second");
        await _server.AbandonOpenFilesAsync("fault 2", CancellationToken.None);
        Assert.Equal("second", File.ReadAllText(_dir.Combine("p.txt.mpyd-partial")));
        Assert.Equal(["p.txt.mpyd-partial"], Names());
    }
}
