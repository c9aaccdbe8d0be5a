using System.Text;

namespace Mpyd.MountDaemon.Hosting;

/// <summary>
/// Watches console output for a soft reboot of the board ("MPY: soft reboot") and then for
/// the prompt that says it is ready again: the friendly banner's "&gt;&gt;&gt; " or the raw REPL
/// banner. Works across arbitrary chunk boundaries. Any reboot counts, not just a Ctrl-D typed
/// in the terminal: machine.soft_reset(), sys.exit(), a reset by another tool.
/// </summary>
internal sealed class SoftRebootDetector
{
    private static readonly byte[] s_rebootMarker = "MPY: soft reboot"u8.ToArray();
    private static readonly byte[] s_friendlyReady = "\n>>> "u8.ToArray();
    private static readonly byte[] s_rawReady = "raw REPL; CTRL-B to exit\r\n>"u8.ToArray();

    private readonly List<byte> _tail = [];
    private const int MaxTail = 64;

    public enum State { Running, Rebooting }

    public State Current { get; private set; } = State.Running;

    /// <summary>After <see cref="Feed"/> returned RebootCompleted: whether the board came back in the raw REPL.</summary>
    public bool CameBackRaw { get; private set; }

    public enum Event { None, RebootStarted, RebootCompleted }

    /// <summary>
    /// Feeds console bytes. RebootCompleted once the board is ready at a prompt again (wins over
    /// RebootStarted when both happen in one chunk).
    /// </summary>
    public Event Feed(ReadOnlySpan<byte> data)
    {
        var seen = Event.None;
        foreach (var b in data)
        {
            _tail.Add(b);
            if (_tail.Count > MaxTail)
                _tail.RemoveAt(0);
            if (Current == State.Running)
            {
                if (EndsWith(s_rebootMarker))
                {
                    Current = State.Rebooting;
                    _tail.Clear();
                    seen = Event.RebootStarted;
                }
            }
            else if (EndsWith(s_friendlyReady) || EndsWith(s_rawReady))
            {
                CameBackRaw = EndsWith(s_rawReady);
                Current = State.Running;
                _tail.Clear();
                seen = Event.RebootCompleted;
            }
        }
        return seen;
    }

    public void Reset()
    {
        _tail.Clear();
        Current = State.Running;
    }

    private bool EndsWith(byte[] marker)
    {
        if (_tail.Count < marker.Length)
            return false;
        var start = _tail.Count - marker.Length;
        for (var k = 0; k < marker.Length; k++)
            if (_tail[start + k] != marker[k])
                return false;
        return true;
    }

    public override string ToString() => $"{Current} tail='{Encoding.ASCII.GetString(_tail.ToArray())}'";
}
