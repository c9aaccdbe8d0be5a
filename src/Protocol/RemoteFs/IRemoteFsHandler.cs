namespace Mpyd.Protocol.RemoteFs;

/// <summary>Serves decoded mount requests (the host's file server implements this).</summary>
public interface IRemoteFsHandler
{
    /// <summary>Answers one request. File-system failures come back as error replies, never as exceptions.</summary>
    ValueTask<RemoteFsReply> HandleAsync(RemoteFsRequest request, CancellationToken cancellationToken);
}
