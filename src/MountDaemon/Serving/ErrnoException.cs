using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

/// <summary>A failure the file server decided itself; it never leaves the server (mapped to a reply).</summary>
internal sealed class ErrnoException(Errno errno) : Exception($"errno {(int)errno} ({errno})")
{
    public Errno Errno { get; } = errno;
}
