using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

public sealed class FileServerCommitTests : FileServerTestBase
{
    private readonly List<PartialFileKeptEventArgs> _partials = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Server.PartialFileKept += (_, e) => _partials.Add(e);
    }

    private async Task<int> OpenAndWrite(string path, string mode, string data)
    {
        var fd = Assert.IsType<StatusReply>(await Send(new OpenRequest(path, mode))).Value;
        Assert.True(fd >= 0);
        Assert.Equal(new StatusReply(data.Length), await Send(new WriteRequest(fd, System.Text.Encoding.ASCII.GetBytes(data))));
        return fd;
    }

    private string[] Names() => [.. Directory.GetFiles(Dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task UnclosedWriteIsInvisibleUntilCommitted()
    {
        Dir.Write("log.txt", "old");
        await OpenAndWrite("/log.txt", "w", "new data");
        // Staged beside the target, flushed: the data is on disk, the target is unchanged.
        var temp = Assert.Single(Names(), n => n.StartsWith(".log.txt.mpyd-", StringComparison.Ordinal));
        Assert.EndsWith(".tmp", temp, StringComparison.Ordinal);
        Assert.Equal("new data", File.ReadAllText(Dir.Combine(temp)));
        Assert.Equal("old", File.ReadAllText(Dir.Combine("log.txt")));

        Assert.Equal(1, await Server.CommitOpenFilesAsync(CancellationToken.None));
        Assert.Equal("new data", File.ReadAllText(Dir.Combine("log.txt")));
        Assert.Equal(["log.txt"], Names());
        Assert.Equal(0, Server.OpenFileCount);
        Assert.Empty(_partials);
    }

    [Fact]
    public async Task AbandonLeavesTargetsUntouchedAndKeepsPartialData()
    {
        Dir.Write("a.txt", "original a");
        await OpenAndWrite("/a.txt", "w", "half");
        await OpenAndWrite("/b.txt", "w", "new file");
        Dir.Write("c.txt", "original c");
        await OpenAndWrite("/c.txt", "a", "+more");

        var partials = await Server.AbandonOpenFilesAsync("board disconnected", CancellationToken.None);

        Assert.Equal("original a", File.ReadAllText(Dir.Combine("a.txt")));
        Assert.False(File.Exists(Dir.Combine("b.txt")));
        Assert.Equal("original c", File.ReadAllText(Dir.Combine("c.txt")));
        Assert.Equal("half", File.ReadAllText(Dir.Combine("a.txt.mpyd-partial")));
        Assert.Equal("new file", File.ReadAllText(Dir.Combine("b.txt.mpyd-partial")));
        Assert.Equal("original c+more", File.ReadAllText(Dir.Combine("c.txt.mpyd-partial")));
        Assert.Equal(["a.txt", "a.txt.mpyd-partial", "b.txt.mpyd-partial", "c.txt", "c.txt.mpyd-partial"], Names());
        Assert.Equal(3, partials.Count);
        Assert.Equal(3, _partials.Count);
        Assert.All(_partials, p => Assert.Equal("board disconnected", p.Reason));
        Assert.Contains(_partials, p => p.TargetPath.EndsWith("b.txt", StringComparison.Ordinal) && p.PartialPath == Dir.Combine("b.txt.mpyd-partial"));
        Assert.Equal(0, Server.OpenFileCount);
    }

    [Fact]
    public async Task AbandonWithoutWritesLeavesNothingBehind()
    {
        Dir.Write("keep.txt", "keep");
        Assert.Equal(0, Assert.IsType<StatusReply>(await Send(new OpenRequest("/keep.txt", "w"))).Value);
        Assert.Equal(1, Assert.IsType<StatusReply>(await Send(new OpenRequest("/keep.txt", "r"))).Value);
        Assert.Empty(await Server.AbandonOpenFilesAsync("timeout", CancellationToken.None));
        Assert.Equal(["keep.txt"], Names());
        Assert.Equal("keep", File.ReadAllText(Dir.Combine("keep.txt")));
    }

    [Fact]
    public async Task CommitOfAnUntouchedReadPlusLeavesTheFileAsItWas()
    {
        var path = Dir.Write("same.txt", "same");
        var before = File.GetLastWriteTimeUtc(path);
        Assert.Equal(0, Assert.IsType<StatusReply>(await Send(new OpenRequest("/same.txt", "r+"))).Value);
        await Server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal(["same.txt"], Names());
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task CloseCommitsAndDisposeAbandons()
    {
        var fd = await OpenAndWrite("/closed.txt", "w", "done");
        await Send(new CloseRequest(fd));
        Assert.Equal("done", File.ReadAllText(Dir.Combine("closed.txt")));

        await OpenAndWrite("/open.txt", "w", "pending");
        await Server.DisposeAsync();
        Assert.False(File.Exists(Dir.Combine("open.txt")));
        Assert.Equal("pending", File.ReadAllText(Dir.Combine("open.txt.mpyd-partial")));
        Server = new FileServer(new MountRoot(Dir.Path));
    }

    [Fact]
    public async Task NewerPartialReplacesAnOlderOne()
    {
        await OpenAndWrite("/p.txt", "w", "first");
        await Server.AbandonOpenFilesAsync("fault 1", CancellationToken.None);
        await OpenAndWrite("/p.txt", "w", "second");
        await Server.AbandonOpenFilesAsync("fault 2", CancellationToken.None);
        Assert.Equal("second", File.ReadAllText(Dir.Combine("p.txt.mpyd-partial")));
        Assert.Equal(["p.txt.mpyd-partial"], Names());
    }

    [Fact]
    public async Task RenamingAnUncommittedFileMovesItsData()
    {
        await OpenAndWrite("/data.tmp", "w", "payload");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/data.tmp", "/data.json")));
        Assert.IsType<StatReply>(await Send(new StatRequest("/data.json")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/data.tmp")));
        await Server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal(["data.json"], Names());
        Assert.Equal("payload", File.ReadAllText(Dir.Combine("data.json")));
    }

    [Fact]
    public async Task RenamingAFileOntoItselfChangesNothing()
    {
        await OpenAndWrite("/same.txt", "w", "kept");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/same.txt", "/./same.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new RenameRequest("/none.txt", "/none.txt")));
        await Server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal("kept", File.ReadAllText(Dir.Combine("same.txt")));
    }

    [Fact]
    public async Task RemovingAnUncommittedFileDropsItsData()
    {
        Dir.Write("gone.txt", "old");
        await OpenAndWrite("/gone.txt", "a", "more");
        await OpenAndWrite("/new.txt", "w", "never closed");
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/gone.txt")));
        Assert.Equal(new StatusReply(0), await Send(new RemoveRequest("/new.txt")));
        Assert.Equal(new StatusReply(-2), await Send(new StatRequest("/new.txt")));
        await Server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Empty(Names());
    }

    [Fact]
    public async Task RenamingOverAnUncommittedFileWins()
    {
        await OpenAndWrite("/target.txt", "w", "pending");
        Dir.Write("other.txt", "other");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/other.txt", "/target.txt")));
        await Server.AbandonOpenFilesAsync("fault", CancellationToken.None);
        Assert.Equal(["target.txt"], Names());
        Assert.Equal("other", File.ReadAllText(Dir.Combine("target.txt")));
    }

    [Fact]
    public async Task RenamingADirectoryTakesPendingWritesAlong()
    {
        Directory.CreateDirectory(Dir.Combine("logs"));
        await OpenAndWrite("/logs/today.txt", "w", "entry");
        Assert.Equal(new StatusReply(0), await Send(new RenameRequest("/logs", "/archive")));
        await Server.CommitOpenFilesAsync(CancellationToken.None);
        Assert.Equal("entry", File.ReadAllText(Dir.Combine("archive/today.txt")));
        Assert.Equal(["today.txt"], Directory.GetFiles(Dir.Combine("archive")).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Dir.Combine("logs")));
    }
}
