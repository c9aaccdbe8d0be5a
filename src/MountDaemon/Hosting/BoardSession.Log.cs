using Microsoft.Extensions.Logging;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Hosting;

// What the session logs (shown with --verbose): every mount request with its answer and time.
internal sealed partial class BoardSession
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} -> {Reply} in {ElapsedMs:0.0} ms")]
    private static partial void LogRequest(ILogger logger, RemoteFsRequest request, string reply, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mount protocol out of step on {Device}: {Detail}")]
    private static partial void LogDesync(ILogger logger, string device, string detail);

    private void OnRequestServed(RemoteFsRequest request, RemoteFsReply reply, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
            LogRequest(_logger, request, Describe(reply), elapsed.TotalMilliseconds);
    }

    // Payload bytes only at their length; a hex dump of every read would drown the log.
    private static string Describe(RemoteFsReply reply) => reply switch
    {
        DataReply d => $"{d.Data.Length} bytes",
        ListDirReply l => $"{l.Entries.Count} entries",
        StatusReply { Value: < 0 } s => Enum.IsDefined(typeof(Errno), -s.Value) ? ((Errno)(-s.Value)).ToString() : $"errno {-s.Value}",
        _ => reply.ToString(),
    };
}
