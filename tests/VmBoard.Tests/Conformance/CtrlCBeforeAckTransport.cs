using System.IO.Pipelines;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Transport;

namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// A transport that, once armed, puts a Ctrl-C (0x03) just before the host's next answer to a request
/// (a write starting with 0x18: the ack of mpremote's framing, or the 0x18 that precedes a one-shot
/// reply): the board reads it among the stray bytes while it waits for that 0x18, the moment a user's
/// key press would land there. Deterministic, unlike a timed key press.
/// </summary>
public sealed class CtrlCBeforeAckTransport(IDeviceTransport inner) : IDeviceTransport
{
    private readonly InjectingWriter _output = new(inner.Output);

    public string Name => inner.Name;

    public PipeReader Input => inner.Input;

    public PipeWriter Output => _output;

    /// <summary>The next write that starts with 0x18 goes out with 0x03 in front.</summary>
    public void ArmOnce() => _output.Armed = true;

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class InjectingWriter(PipeWriter inner) : PipeWriter
    {
        public volatile bool Armed;

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            if (Armed && source.Length >= 1 && source.Span[0] == RemoteFsCodec.Escape)
            {
                Armed = false;
                return inner.WriteAsync((byte[])[0x03, .. source.Span], cancellationToken);
            }
            return inner.WriteAsync(source, cancellationToken);
        }

        public override void Advance(int bytes) => inner.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
