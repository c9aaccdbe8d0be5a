namespace Mpyd.DeviceSim.Tests;

/// <summary>Whatever arrives, the board keeps running and answers a host that resynchronises.</summary>
public sealed class RobustnessTests
{

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task RandomInput_NeverKillsTheBoard(int seed)
    {
        await using var h = new BoardHarness();
        var random = new Random(seed);
        // Printable-heavy noise with every control character the REPL reacts to.
        const string alphabet = "abcxyz0123456789 ()[]'\",.=+-*:#\n\r\x01\x02\x03\x04\x05import os sys print len open";
        var noise = new char[3000];
        for (var i = 0; i < noise.Length; i++)
            noise[i] = alphabet[random.Next(alphabet.Length)];
        await h.SendAsync(new string(noise));
        await h.SendAsync("\x03\x03\x03\r\x01");
        await h.SendAsync("print(5)\x04");
        await h.ReadUntilAsync("OK5\r\n\x04\x04>");
        Assert.False(h.Run.IsCompleted);
    }
}
