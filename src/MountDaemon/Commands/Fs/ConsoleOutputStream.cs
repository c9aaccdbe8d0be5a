using Mpyd.MountDaemon.Hosting;

namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>A write-only stream that passes bytes to stdout unchanged (cat is binary-safe).</summary>
internal sealed class ConsoleOutputStream(IBoardConsole console) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => console.WriteBoardOutput(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => console.WriteBoardOutput(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        console.WriteBoardOutput(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        console.WriteBoardOutput(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
