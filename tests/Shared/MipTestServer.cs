using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mpyd.Tests.Shared;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (one request per connection) serving fixed bodies by path,
/// standing in for the package index, GitHub and GitLab. Unknown paths are 404.
/// </summary>
internal sealed class MipTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _hangs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;

    public MipTestServer()
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Paths requested so far, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public void Add(string path, byte[] body) => _bodies[path] = body;

    public void Add(string path, string text) => Add(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Answers <paramref name="path"/> with this status and an empty body.</summary>
    public void Fail(string path, int status) => _statuses[path] = status;

    /// <summary>Accepts the request for <paramref name="path"/> and never answers.</summary>
    public void Hang(string path) => _hangs[path] = true;

    public void ClearRequests() => _requests.Clear();

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                var stream = client.GetStream();
                var path = await ReadRequestPathAsync(stream, deadline.Token);
                if (path is null)
                    return;
                _requests.Enqueue(path);
                if (_hangs.ContainsKey(path))
                {
                    await Task.Delay(Timeout.Infinite, deadline.Token);
                    return;
                }
                var (status, body) = _statuses.TryGetValue(path, out var s) ? (s, Array.Empty<byte>())
                    : _bodies.TryGetValue(path, out var b) ? (200, b) : (404, "not found"u8.ToArray());
                var head = $"HTTP/1.1 {status} {(status == 200 ? "OK" : "Error")}\r\nContent-Length: {body.Length}\r\n" +
                    "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), deadline.Token);
                await stream.WriteAsync(body, deadline.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
            }
        }
    }

    // The request line's path; the headers are read and ignored.
    private static async Task<string?> ReadRequestPathAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (received.Count < 65536)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0)
                return null;
            received.AddRange(buffer.AsSpan(0, n));
            var text = Encoding.ASCII.GetString([.. received]);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
                return text.Split(' ', 3)[1];
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
