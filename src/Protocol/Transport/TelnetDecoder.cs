using System.Buffers;

namespace Mpyd.Protocol.Transport;

/// <summary>What a Telnet peer sent besides data.</summary>
/// <param name="Verb"><see cref="Telnet.Will"/>/<see cref="Telnet.Wont"/>/<see cref="Telnet.Do"/>/<see cref="Telnet.Dont"/>,
/// <see cref="Telnet.Sb"/> for a sub-negotiation (then <paramref name="Payload"/> is unescaped), or another command byte (NOP, ...).</param>
internal readonly record struct TelnetEvent(byte Verb, byte Option, byte[] Payload);

/// <summary>
/// Splits a Telnet byte stream into data and commands (RFC 854). Pure and incremental: the state
/// survives between calls, so an IAC sequence cut anywhere by TCP decodes the same as in one piece.
/// </summary>
internal sealed class TelnetDecoder
{
    // A sub-negotiation longer than this is not one we understand; the excess is dropped.
    private const int MaxPayload = 4096;

    private enum State { Data, AfterCr, Iac, Verb, SbOption, SbData, SbIac }

    private readonly List<byte> _payload = [];
    private State _state;
    private byte _verb;
    private byte _sbOption;

    /// <summary>
    /// False until the peer agrees to send binary (RFC 856): until then a CR is followed by NUL or
    /// LF (RFC 854), and the NUL is not data.
    /// </summary>
    public bool PeerSendsBinary { get; set; }

    /// <summary>
    /// Decodes <paramref name="input"/>: data bytes to <paramref name="data"/>, the rest to
    /// <paramref name="events"/>. Stops right after an event, so the caller can act on it (a switch
    /// to binary changes how the following bytes read) before decoding on; returns the bytes consumed.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> input, IBufferWriter<byte> data, List<TelnetEvent> events)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(events);
        var i = 0;
        var seen = events.Count;
        while (i < input.Length && events.Count == seen)
        {
            if (_state == State.Data)
            {
                // Fast path: copy the run of plain data up to the next IAC (or CR in text mode).
                var run = input[i..];
                var stop = PeerSendsBinary ? run.IndexOf(Telnet.Iac) : run.IndexOfAny(Telnet.Iac, Telnet.Cr);
                if (stop < 0)
                    stop = run.Length;
                if (stop > 0)
                {
                    data.Write(run[..stop]);
                    i += stop;
                    continue;
                }
            }
            Step(input[i++], data, events);
        }
        return i;
    }

    private void Step(byte b, IBufferWriter<byte> data, List<TelnetEvent> events)
    {
        switch (_state)
        {
            case State.AfterCr:
                _state = State.Data;
                if (b == Telnet.Nul)
                    return; // CR NUL is a bare CR
                Step(b, data, events);
                return;
            case State.Data:
                if (b == Telnet.Iac)
                {
                    _state = State.Iac;
                    return;
                }
                data.Write([b]);
                if (b == Telnet.Cr && !PeerSendsBinary)
                    _state = State.AfterCr;
                return;
            case State.Iac:
                _state = State.Data;
                switch (b)
                {
                    case Telnet.Iac:
                        data.Write([Telnet.Iac]);
                        return;
                    case Telnet.Will or Telnet.Wont or Telnet.Do or Telnet.Dont:
                        _verb = b;
                        _state = State.Verb;
                        return;
                    case Telnet.Sb:
                        _state = State.SbOption;
                        return;
                    case Telnet.Se:
                        return; // an SE outside a sub-negotiation means nothing
                    default:
                        events.Add(new TelnetEvent(b, 0, []));
                        return;
                }
            case State.Verb:
                _state = State.Data;
                events.Add(new TelnetEvent(_verb, b, []));
                return;
            case State.SbOption:
                _sbOption = b;
                _payload.Clear();
                _state = State.SbData;
                return;
            case State.SbData:
                if (b == Telnet.Iac)
                    _state = State.SbIac;
                else
                    AddPayload(b);
                return;
            case State.SbIac:
                if (b == Telnet.Iac)
                {
                    AddPayload(Telnet.Iac);
                    _state = State.SbData;
                    return;
                }
                events.Add(new TelnetEvent(Telnet.Sb, _sbOption, [.. _payload]));
                _payload.Clear();
                _state = State.Data;
                if (b != Telnet.Se)
                {
                    // A peer that forgot IAC SE: the sub-negotiation ends here and the command counts.
                    _state = State.Iac;
                    Step(b, data, events);
                }
                return;
        }
    }

    private void AddPayload(byte b)
    {
        if (_payload.Count < MaxPayload)
            _payload.Add(b);
    }
}
