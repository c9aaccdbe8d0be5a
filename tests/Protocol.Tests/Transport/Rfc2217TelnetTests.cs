using System.Buffers;
using Mpyd.Protocol.Transport;

namespace Mpyd.Protocol.Tests.Transport;

/// <summary>The pure Telnet pieces under the RFC 2217 transport: decoder, encoder, option negotiation.</summary>
public sealed class Rfc2217TelnetTests
{
    private const byte Iac = 255, Sb = 250, Se = 240, Will = 251, Wont = 252, Do = 253, Dont = 254, Nop = 241;

    // Data with escaped 255s, a NOP, a negotiation, a sub-negotiation with an escaped 255, a
    // sub-negotiation without its IAC SE (ended by the next command) and an SE out of place.
    private static readonly byte[] s_stream =
    [
        (byte)'h', Iac, Iac, (byte)'i', Iac, Nop, Iac, Will, 1, (byte)'\r', 0,
        Iac, Sb, 44, 101, 0, Iac, Iac, 0, Iac, Se, (byte)'j',
        Iac, Sb, 44, 106, 3, Iac, Do, 3, Iac, Se, (byte)'k',
    ];

    private static (byte[] Data, List<TelnetEvent> Events) DecodeInCuts(byte[] stream, IEnumerable<int> cuts, bool binary)
    {
        var decoder = new TelnetDecoder { PeerSendsBinary = binary };
        var data = new ArrayBufferWriter<byte>();
        var events = new List<TelnetEvent>();
        var start = 0;
        foreach (var end in cuts.Append(stream.Length))
        {
            var piece = stream.AsSpan(start, end - start);
            while (piece.Length > 0)
                piece = piece[decoder.Decode(piece, data, events)..];
            start = end;
        }
        return (data.WrittenSpan.ToArray(), events);
    }

    private static string Show(List<TelnetEvent> events) =>
        string.Join(" ", events.Select(e => $"{e.Verb}/{e.Option}/{Convert.ToHexString(e.Payload)}"));

    [Fact]
    public void Decodes_data_commands_and_sub_negotiations()
    {
        var (data, events) = DecodeInCuts(s_stream, [], binary: true);

        Assert.Equal([(byte)'h', 255, (byte)'i', (byte)'\r', 0, (byte)'j', (byte)'k'], data);
        Assert.Equal($"{Nop}/0/ {Will}/1/ {Sb}/44/6500FF00 {Sb}/44/6A03 {Do}/3/", Show(events));
    }

    [Fact]
    public void Every_cut_point_and_byte_at_a_time_decode_the_same()
    {
        var whole = DecodeInCuts(s_stream, [], binary: true);
        for (var cut = 1; cut < s_stream.Length; cut++)
        {
            var split = DecodeInCuts(s_stream, [cut], binary: true);
            Assert.Equal(whole.Data, split.Data);
            Assert.Equal(Show(whole.Events), Show(split.Events));
        }
        var bytewise = DecodeInCuts(s_stream, Enumerable.Range(1, s_stream.Length - 1), binary: true);
        Assert.Equal(whole.Data, bytewise.Data);
        Assert.Equal(Show(whole.Events), Show(bytewise.Events));
    }

    [Fact]
    public void Decoding_stops_after_each_event_so_a_mode_change_applies_to_what_follows()
    {
        var decoder = new TelnetDecoder();
        var data = new ArrayBufferWriter<byte>();
        var events = new List<TelnetEvent>();
        byte[] input = [(byte)'a', Iac, Will, 0, (byte)'\r', 0];

        var used = decoder.Decode(input, data, events);

        Assert.Equal(4, used);
        Assert.Single(events);
        decoder.PeerSendsBinary = true;
        decoder.Decode(input.AsSpan(used), data, events);
        Assert.Equal([(byte)'a', (byte)'\r', 0], data.WrittenSpan.ToArray());
    }

    [Fact]
    public void In_text_mode_cr_nul_is_a_bare_cr_and_cr_lf_stays()
    {
        var (data, _) = DecodeInCuts([(byte)'\r', 0, (byte)'\r', (byte)'\n', (byte)'\r', Iac, Iac], [1, 3, 5], binary: false);
        Assert.Equal([(byte)'\r', (byte)'\r', (byte)'\n', (byte)'\r', 255], data);
    }

    [Fact]
    public void Encoder_doubles_255_and_in_text_mode_pads_bare_crs()
    {
        var binary = new ArrayBufferWriter<byte>();
        TelnetEncoder.WriteData([1, 255, 13, 0, 255], binary, binary: true);
        Assert.Equal([1, 255, 255, 13, 0, 255, 255], binary.WrittenSpan.ToArray());

        var text = new ArrayBufferWriter<byte>();
        TelnetEncoder.WriteData("a\rb\r\nc\r"u8, text, binary: false);
        Assert.Equal("a\r\0b\r\nc\r\0"u8.ToArray(), text.WrittenSpan.ToArray());

        var sub = new ArrayBufferWriter<byte>();
        TelnetEncoder.WriteSubnegotiation(44, [1, 0, 255, 0, 0], sub);
        Assert.Equal([Iac, Sb, 44, 1, 0, 255, 255, 0, 0, Iac, Se], sub.WrittenSpan.ToArray());
    }

    [Fact]
    public void Options_are_agreed_refused_and_never_answered_twice()
    {
        var options = new TelnetOptions(new HashSet<byte> { 0, 44 }, new HashSet<byte> { 0 });
        var sent = new ArrayBufferWriter<byte>();

        options.RequestLocal(44, sent);
        options.RequestLocal(44, sent); // already asked: nothing more
        Assert.Equal([Iac, Will, 44], sent.WrittenSpan.ToArray());
        Assert.False(options.IsLocalDecided(44));

        sent.ResetWrittenCount();
        options.Receive(Do, 44, sent);      // the answer: no reply
        options.Receive(Do, 44, sent);      // repeated: still no reply (no loop)
        options.Receive(Will, 0, sent);     // unasked, acceptable: DO
        options.Receive(Will, 0, sent);     // already on: nothing
        options.Receive(Will, 1, sent);     // not acceptable: DONT
        options.Receive(Do, 24, sent);      // not acceptable: WONT
        options.Receive(Wont, 0, sent);     // turned off by the peer: acknowledged with DONT
        options.Receive(Wont, 0, sent);     // already off: nothing
        Assert.Equal([Iac, Do, 0, Iac, Dont, 1, Iac, Wont, 24, Iac, Dont, 0], sent.WrittenSpan.ToArray());
        Assert.True(options.IsLocalEnabled(44));
        Assert.False(options.IsRemoteEnabled(0));

        sent.ResetWrittenCount();
        options.RequestRemote(3, sent);
        options.Receive(Wont, 3, sent);     // our request refused: no reply
        Assert.Equal([Iac, Do, 3], sent.WrittenSpan.ToArray());
        Assert.True(options.IsRemoteRefused(3));

        sent.ResetWrittenCount();
        options.Receive(Dont, 44, sent);    // we stop: WONT
        Assert.Equal([Iac, Wont, 44], sent.WrittenSpan.ToArray());
        Assert.False(options.IsLocalEnabled(44));
    }
}
