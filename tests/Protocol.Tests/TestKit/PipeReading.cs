using System.Buffers;
using System.IO.Pipelines;

namespace Mpyd.Protocol.Tests.TestKit;

internal static class PipeReading
{
    /// <summary>Generous hang guard for waits in tests; never a timing assertion.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    public static CancellationToken Guard() => new CancellationTokenSource(HangGuard).Token;

    public static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count)
    {
        var token = Guard();
        while (true)
        {
            var result = await reader.ReadAsync(token);
            if (result.Buffer.Length >= count)
            {
                var bytes = result.Buffer.Slice(0, count).ToArray();
                reader.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }
            if (result.IsCompleted)
                throw new EndOfStreamException($"pipe ended after {result.Buffer.Length} of {count} bytes");
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Reads until the pipe completes; returns whatever came before the end.</summary>
    public static async Task<byte[]> ReadToEndAsync(PipeReader reader)
    {
        var token = Guard();
        while (true)
        {
            var result = await reader.ReadAsync(token);
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    public static async Task<byte[]> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, Guard());
        return buffer;
    }

    public static async Task WriteAsync(PipeWriter writer, byte[] bytes) =>
        await writer.WriteAsync(bytes, Guard());
}
