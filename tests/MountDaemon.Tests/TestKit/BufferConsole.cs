using System.Text;
using Mpyd.MountDaemon.Hosting;

namespace Mpyd.MountDaemon.Tests.TestKit;

/// <summary>Collects what the daemon shows the user, and lets a test wait for a piece of it.</summary>
internal sealed class BufferConsole : IBoardConsole
{
    private readonly Lock _lock = new();
    private readonly List<byte> _output = [];
    private readonly List<string> _notices = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool RawMode { get; set; }

    public string Output
    {
        get
        {
            lock (_lock)
                return Encoding.UTF8.GetString(_output.ToArray());
        }
    }

    public IReadOnlyList<string> Notices
    {
        get
        {
            lock (_lock)
                return [.. _notices];
        }
    }

    public void WriteBoardOutput(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            _output.AddRange(data);
            Signal();
        }
    }

    /// <summary>Tests may pretend to be a terminal to see progress bars.</summary>
    public bool OutputIsTerminal { get; set; }

    public void WriteLine(string line) => WriteBoardOutput(Encoding.UTF8.GetBytes(line + "\n"));

    public void Notice(string line)
    {
        lock (_lock)
        {
            _notices.Add(line);
            Signal();
        }
    }

    /// <summary>
    /// Waits until the output (from character <paramref name="after"/> on) or a notice contains
    /// <paramref name="text"/>; fails the test after the deadline.
    /// </summary>
    public async Task WaitForAsync(string text, int after = 0, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var output = Encoding.UTF8.GetString(_output.ToArray());
                if (output.AsSpan(Math.Min(after, output.Length)).Contains(text, StringComparison.Ordinal)
                    || _notices.Any(n => n.Contains(text, StringComparison.Ordinal)))
                    return;
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"'{text}' did not appear. Output:\n{Output}\nNotices:\n{string.Join("\n", Notices)}");
            }
        }
    }

    private void Signal()
    {
        var done = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.TrySetResult();
    }
}
