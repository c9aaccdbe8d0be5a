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

    [Fact]
    public async Task RenamingAnUncommittedFileMovesItsData()
    {
        await OpenAndWrite("/data.tmp", "w", "payload");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/data.tmp", "/data.json")));
        Assert.IsType<StatReply>(await Send(new StatRequest("/data.json")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/data.tmp")));
        await _server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal(["data.json"], Names());
        Assert.Equal("payload", File.ReadAllText(_dir.Combine("data.json")));
    }

    [Fact]
    public async Task RenamingAFileOntoItselfChangesNothing()
    {
        await OpenAndWrite("/same.txt", "w", "kept");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/same.txt", "/./same.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new RenameRequest("/none.txt", "/none.txt")));
        await _server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal("kept", File.ReadAllText(_dir.Combine("same.txt")));
    }

    [Fact]
    public async Task RemovingAnUncommittedFileDropsItsData()
    {
        _dir.Write("gone.txt", "old");
        await OpenAndWrite("/gone.txt", "a", "more");
        await OpenAndWrite("/new.txt", "w", "never closed");
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/gone.txt")));
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/new.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/new.txt")));
        await _server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Empty(Names());
    }

    [Fact]
    public async Task RenamingOverAnUncommittedFileWins()
    {
        await OpenAndWrite("/target.txt", "w", "pending");
        _dir.Write("other.txt", "other");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/other.txt", "/target.txt")));
        await _server.AbandonOpenFilesAsync("fault", CancellationToken.None);
        Assert.Equal(["target.txt"], Names());
        Assert.Equal("other", File.ReadAllText(_dir.Combine("target.txt")));
    }

    [Fact]
    public async Task RenamingADirectoryTakesPendingWritesAlong()
    {
        Directory.CreateDirectory(_dir.Combine("logs"));
        await OpenAndWrite("/logs/today.txt", "w", "entry");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/logs", "/archive")));
        await _server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal("entry", File.ReadAllText(_dir.Combine("archive/today.txt")));
        Assert.Equal(["today.txt"], Directory.GetFiles(_dir.Combine("archive")).Select(Path.GetFileName));
        Assert.False(Directory.Exists(_dir.Combine("logs")));
    }
}
