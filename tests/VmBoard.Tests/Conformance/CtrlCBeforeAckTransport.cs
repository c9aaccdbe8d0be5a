using System.IO.Pipelines;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Transport;

namespace Mpyd.VmBoard.Tests.Conformance;

/// <summary>
/// A transport that, once armed, puts a Ctrl-C (0x03) just before the host's next request ack (a
/// single 0x18 write): the board reads it among the stray bytes while it waits for that ack, the
/// moment a user's key press would land there. Deterministic, unlike a timed key press.
/// </summary>
public sealed class CtrlCBeforeAckTransport(IDeviceTransport inner) : IDeviceTransport
{
    private readonly InjectingWriter _output = new(inner.Output);

    public string Name => inner.Name;

    public PipeReader Input => inner.Input;

    public PipeWriter Output => _output;

    /// <summary>The next ack goes out as 0x03 0x18.</summary>
    public void ArmOnce() => _output.Armed = true;

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class InjectingWriter(PipeWriter inner) : PipeWriter
    {
        private static readonly byte[] s_ctrlCAck = [0x03, RemoteFsCodec.Escape];

        public volatile bool Armed;

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            if (Armed && source.Length == 1 && source.Span[0] == RemoteFsCodec.Escape)
            {
                Armed = false;
                return inner.WriteAsync(s_ctrlCAck, cancellationToken);
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
