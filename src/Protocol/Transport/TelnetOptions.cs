using System.Buffers;

namespace Mpyd.Protocol.Transport;

/// <summary>
/// Telnet option negotiation by the "Q method" of RFC 1143 (without its queue: we never change our
/// mind), so that no request/answer pair can loop. "Local" options are ones we perform (WILL/WONT,
/// asked with DO/DONT); "remote" ones the peer performs. Options not on the accepted lists are
/// refused politely. Pure: replies go to the given buffer.
/// </summary>
internal sealed class TelnetOptions(IReadOnlySet<byte> acceptLocal, IReadOnlySet<byte> acceptRemote)
{
    private enum Q { No, Yes, WantYes }

    private readonly Dictionary<byte, Q> _local = [];
    private readonly Dictionary<byte, Q> _remote = [];
    private readonly HashSet<byte> _refusedLocal = [];
    private readonly HashSet<byte> _refusedRemote = [];

    public bool IsLocalEnabled(byte option) => State(_local, option) == Q.Yes;

    public bool IsRemoteEnabled(byte option) => State(_remote, option) == Q.Yes;

    /// <summary>True when we asked to perform <paramref name="option"/> and the peer said no.</summary>
    public bool IsLocalRefused(byte option) => _refusedLocal.Contains(option);

    public bool IsRemoteRefused(byte option) => _refusedRemote.Contains(option);

    /// <summary>True when the peer has answered our request for <paramref name="option"/> either way.</summary>
    public bool IsLocalDecided(byte option) => State(_local, option) != Q.WantYes;

    /// <summary>Offers to perform <paramref name="option"/> (IAC WILL option).</summary>
    public void RequestLocal(byte option, IBufferWriter<byte> output)
    {
        if (State(_local, option) != Q.No)
            return;
        _local[option] = Q.WantYes;
        TelnetEncoder.WriteOption(Telnet.Will, option, output);
    }

    /// <summary>Asks the peer to perform <paramref name="option"/> (IAC DO option).</summary>
    public void RequestRemote(byte option, IBufferWriter<byte> output)
    {
        if (State(_remote, option) != Q.No)
            return;
        _remote[option] = Q.WantYes;
        TelnetEncoder.WriteOption(Telnet.Do, option, output);
    }

    /// <summary>Handles IAC WILL/WONT/DO/DONT from the peer; writes the answer, if one is due.</summary>
    public void Receive(byte verb, byte option, IBufferWriter<byte> output)
    {
        switch (verb)
        {
            case Telnet.Will:
                Agree(_remote, _refusedRemote, acceptRemote, option, Telnet.Do, Telnet.Dont, output);
                break;
            case Telnet.Wont:
                Disagree(_remote, _refusedRemote, option, Telnet.Dont, output);
                break;
            case Telnet.Do:
                Agree(_local, _refusedLocal, acceptLocal, option, Telnet.Will, Telnet.Wont, output);
                break;
            case Telnet.Dont:
                Disagree(_local, _refusedLocal, option, Telnet.Wont, output);
                break;
        }
    }

    // The peer wants the option on.
    private static void Agree(Dictionary<byte, Q> table, HashSet<byte> refused, IReadOnlySet<byte> accept, byte option,
        byte yes, byte no, IBufferWriter<byte> output)
    {
        switch (State(table, option))
        {
            case Q.No when accept.Contains(option):
                table[option] = Q.Yes;
                refused.Remove(option);
                TelnetEncoder.WriteOption(yes, option, output);
                break;
            case Q.No:
                TelnetEncoder.WriteOption(no, option, output);
                break;
            case Q.WantYes:
                table[option] = Q.Yes; // the answer to our request: no reply
                break;
            case Q.Yes:
                break; // already on: answering again could loop
        }
    }

    // The peer wants the option off (or refuses our request).
    private static void Disagree(Dictionary<byte, Q> table, HashSet<byte> refused, byte option, byte no, IBufferWriter<byte> output)
    {
        switch (State(table, option))
        {
            case Q.Yes:
                table[option] = Q.No;
                TelnetEncoder.WriteOption(no, option, output);
                break;
            case Q.WantYes:
                table[option] = Q.No;
                refused.Add(option);
                break;
            case Q.No:
                break;
        }
    }

    private static Q State(Dictionary<byte, Q> table, byte option) => table.GetValueOrDefault(option, Q.No);
}
