using Mpyd.Protocol.Device;
using Mpyd.Protocol.RemoteFs;
using Mpyd.Protocol.Transport;
using static Mpyd.Protocol.Tests.TestKit.PipeReading;

namespace Mpyd.Protocol.Tests.TestKit;

/// <summary>A host <see cref="BoardConnection"/> and the board end of the same in-memory link, for the connection tests.</summary>
internal static class ConnectionLink
{
    public static (BoardConnection Host, BoardEnd Board) Create(IRemoteFsHandler? handler = null, TimeProvider? time = null)
    {
        var (host, board) = InMemoryLink.Create("sim");
        return (new BoardConnection(host, time) { MountHandler = handler }, new BoardEnd(board));
    }

    /// <summary>Reads console bytes until the link closes.</summary>
    public static async Task<byte[]> ReadAllConsoleAsync(BoardConnection connection, int bufferSize = 4096)
    {
        var all = new List<byte>();
        var buffer = new byte[bufferSize];
        var token = Guard();
        while (true)
        {
            var n = await connection.ReadConsoleAsync(buffer, token);
            if (n == 0)
                return [.. all];
            all.AddRange(buffer.AsSpan(0, n));
        }
    }

    /// <summary>Closes the board's end: the host's next read sees the end of the link.</summary>
    public static async Task CloseBoardAsync(BoardEnd board) => await ((IAsyncDisposable)board.Pipe).DisposeAsync();
}
