using Microsoft.Extensions.Logging;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.MountDaemon.Serving;

// Structured log messages of the file server.
public sealed partial class FileServer
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Op} {Path} -> {Errno}")]
    private static partial void LogRefused(ILogger logger, RemoteFsOp op, string path, Errno errno);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Op} {Path} -> {Errno} ({ExceptionType}: {Reason})")]
    private static partial void LogFailed(ILogger logger, RemoteFsOp op, string path, Errno errno, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Op} on fd {Fd}, which is not open for that; ignored")]
    private static partial void LogUnknownFd(ILogger logger, RemoteFsOp op, int fd);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Target} was not updated ({Reason}); the written data is in {Partial}")]
    private static partial void LogPartialKept(ILogger logger, string target, string partial, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not finish writing {Target}: {Reason}")]
    private static partial void LogFinishFailed(ILogger logger, string target, string reason);
}
