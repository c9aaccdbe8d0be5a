using Mpyd.MountDaemon.Serving;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Tests.Serving;

/// <summary>A file server over a fresh temp directory per test, and a way to send it requests.</summary>
public abstract class FileServerTestBase : IAsyncLifetime
{
    private protected TempDirectory Dir { get; } = new();

    private protected FileServer Server { get; set; } = null!;

    public virtual Task InitializeAsync()
    {
        Server = new FileServer(new MountRoot(Dir.Path));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Dir.Dispose();
    }

    private protected Task<RemoteFsReply> Send(RemoteFsRequest request) => Server.HandleAsync(request, CancellationToken.None).AsTask();
}
