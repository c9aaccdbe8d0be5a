namespace Mpyd.DeviceSim.Link;

/// <summary>
/// Faults to inject into a simulated board's link. Byte positions and request numbers are
/// 1-based and count from the start of the link (bytes) or of the board (mount requests).
/// Build one with the factory methods and combine with <see cref="And"/>.
/// </summary>
public sealed record FaultPlan
{
    public static FaultPlan None { get; } = new();

    /// <summary>The Nth byte in this direction is lost.</summary>
    public IReadOnlyList<(LinkDirection Direction, long ByteNumber)> DroppedBytes { get; init; } = [];

    /// <summary>The Nth byte in this direction arrives XORed with the mask.</summary>
    public IReadOnlyList<(LinkDirection Direction, long ByteNumber, byte XorMask)> CorruptedBytes { get; init; } = [];

    /// <summary>The link is cut after N bytes have passed in this direction.</summary>
    public (LinkDirection Direction, long Bytes)? DisconnectAfter { get; init; }

    /// <summary>The board cuts the link when it is about to send its Nth mount request.</summary>
    public int? DisconnectAtRequest { get; init; }

    /// <summary>The board soft-resets after sending the Nth request's arguments, before reading the reply.</summary>
    public int? SoftResetAtRequest { get; init; }

    /// <summary>The board sends the Nth request's 0x18 op, then stops answering anything.</summary>
    public int? HangAtRequest { get; init; }

    public static FaultPlan DropByte(LinkDirection direction, long byteNumber) =>
        new() { DroppedBytes = [(direction, Positive(byteNumber))] };

    public static FaultPlan CorruptByte(LinkDirection direction, long byteNumber, byte xorMask = 0xFF) =>
        new() { CorruptedBytes = [(direction, Positive(byteNumber), xorMask == 0 ? (byte)0xFF : xorMask)] };

    public static FaultPlan DisconnectAfterBytes(LinkDirection direction, long bytes) =>
        new() { DisconnectAfter = (direction, bytes >= 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes))) };

    public static FaultPlan DisconnectAtRequestNumber(int request) => new() { DisconnectAtRequest = (int)Positive(request) };

    public static FaultPlan SoftResetAtRequestNumber(int request) => new() { SoftResetAtRequest = (int)Positive(request) };

    public static FaultPlan HangAtRequestNumber(int request) => new() { HangAtRequest = (int)Positive(request) };

    /// <summary>Both plans' faults (the other plan wins where both set a single-valued fault).</summary>
    public FaultPlan And(FaultPlan other) => new()
    {
        DroppedBytes = [.. DroppedBytes, .. other.DroppedBytes],
        CorruptedBytes = [.. CorruptedBytes, .. other.CorruptedBytes],
        DisconnectAfter = other.DisconnectAfter ?? DisconnectAfter,
        DisconnectAtRequest = other.DisconnectAtRequest ?? DisconnectAtRequest,
        SoftResetAtRequest = other.SoftResetAtRequest ?? SoftResetAtRequest,
        HangAtRequest = other.HangAtRequest ?? HangAtRequest,
    };

    /// <summary>True when the plan touches bytes on the link (needs the link wrapper).</summary>
    public bool HasByteFaults => DroppedBytes.Count > 0 || CorruptedBytes.Count > 0 || DisconnectAfter is not null;

    private static long Positive(long n) => n >= 1 ? n : throw new ArgumentOutOfRangeException(nameof(n), "numbers are 1-based");
}
