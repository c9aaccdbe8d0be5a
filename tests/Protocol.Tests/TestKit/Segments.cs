using System.Buffers;

namespace Mpyd.Protocol.Tests.TestKit;

/// <summary>Builds multi-segment sequences so parsers see frames split across reads.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(IReadOnlyList<byte[]> chunks)
    {
        if (chunks.Count == 0)
            return ReadOnlySequence<byte>.Empty;
        var first = new Segment(chunks[0], 0);
        var last = first;
        for (var i = 1; i < chunks.Count; i++)
            last = last.Append(chunks[i]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Cuts <paramref name="data"/>[0..length) into pieces of 1.. maxPiece bytes chosen by <paramref name="random"/>.</summary>
    public static List<byte[]> RandomCuts(byte[] data, Random random, int maxPiece)
    {
        var pieces = new List<byte[]>();
        var at = 0;
        while (at < data.Length)
        {
            var n = Math.Min(data.Length - at, random.Next(1, maxPiece + 1));
            pieces.Add(data[at..(at + n)]);
            at += n;
        }
        return pieces;
    }

    public static List<byte[]> Bytewise(ReadOnlySpan<byte> data)
    {
        var pieces = new List<byte[]>(data.Length);
        foreach (var b in data)
            pieces.Add([b]);
        return pieces;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
