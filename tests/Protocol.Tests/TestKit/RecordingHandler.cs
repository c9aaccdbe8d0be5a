using System.Collections.Concurrent;
using Mpyd.Protocol.RemoteFs;

namespace Mpyd.Protocol.Tests.TestKit;

/// <summary>A file server stand-in: answers with a function of the request and records what it saw.</summary>
internal sealed class RecordingHandler(Func<RemoteFsRequest, RemoteFsReply> answer) : IRemoteFsHandler
{
    public ConcurrentQueue<RemoteFsRequest> Seen { get; } = new();

    /// <summary>When set, each request waits for it before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Set by the handler when a request has arrived (before the gate).</summary>
    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<RemoteFsReply> HandleAsync(RemoteFsRequest request, CancellationToken cancellationToken)
    {
        Seen.Enqueue(request);
        Arrived.TrySetResult();
        if (Gate is { } gate)
            await gate.Task.WaitAsync(cancellationToken);
        return answer(request);
    }

    /// <summary>Answers every request with a plausible reply of the right shape.</summary>
    public static RemoteFsReply Plausible(RemoteFsRequest request) => request switch
    {
        StatRequest s when s.Path.EndsWith(".py", StringComparison.Ordinal) => new StatReply(0x81A4, 10, 1, 2, 3),
        StatRequest => RemoteFsReply.Error(Errno.ENOENT),
        ListDirStartRequest => new StatusReply(0),
        ListDirNextRequest => new ListDirEntryReply("", 0),
        OpenRequest => new StatusReply(3),
        CloseRequest => NoReply.Instance,
        ReadRequest r => new DataReply(Enumerable.Repeat((byte)'x', Math.Max(0, Math.Min(r.Count, 100))).ToArray()),
        ReadLineRequest => new DataReply("line\n"u8.ToArray()),
        WriteRequest w => new StatusReply(w.Data.Length),
        SeekRequest s => new StatusReply(s.Offset),
        StatFsRequest => new StatFsReply(4096, 10, 5, 5, 255),
        ListDirRequest => new ListDirReply([new("a.py", 0x8000, 10)]),
        OpenReadRequest r => new OpenReadReply(4, Enumerable.Repeat((byte)'y', Math.Max(0, Math.Min(r.Count, 100))).ToArray()),
        _ => new StatusReply(0),
    };
}
