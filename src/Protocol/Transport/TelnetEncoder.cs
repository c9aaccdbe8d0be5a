using System.Buffers;

namespace Mpyd.Protocol.Transport;

/// <summary>Telnet framing for what we send (RFC 854): data with IAC doubled, option commands, sub-negotiations.</summary>
internal static class TelnetEncoder
{
    /// <summary>
    /// Writes data: every 255 doubled; unless we send binary (RFC 856), a CR not followed by LF
    /// becomes CR NUL (a CR at the end of <paramref name="data"/> too, as what follows is unknown).
    /// </summary>
    public static void WriteData(ReadOnlySpan<byte> data, IBufferWriter<byte> output, bool binary)
    {
        ArgumentNullException.ThrowIfNull(output);
        while (data.Length > 0)
        {
            var stop = binary ? data.IndexOf(Telnet.Iac) : data.IndexOfAny(Telnet.Iac, Telnet.Cr);
            if (stop < 0)
            {
                output.Write(data);
                return;
            }
            output.Write(data[..stop]);
            if (data[stop] == Telnet.Iac)
                output.Write([Telnet.Iac, Telnet.Iac]);
            else if (stop + 1 < data.Length && data[stop + 1] == Telnet.Lf)
                output.Write([Telnet.Cr]);
            else
                output.Write([Telnet.Cr, Telnet.Nul]);
            data = data[(stop + 1)..];
        }
    }

    /// <summary>IAC verb option (WILL/WONT/DO/DONT).</summary>
    public static void WriteOption(byte verb, byte option, IBufferWriter<byte> output) => output.Write([Telnet.Iac, verb, option]);

    /// <summary>IAC SB option payload IAC SE, with 255 in the payload doubled.</summary>
    public static void WriteSubnegotiation(byte option, ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write([Telnet.Iac, Telnet.Sb, option]);
        WriteData(payload, output, binary: true);
        output.Write([Telnet.Iac, Telnet.Se]);
    }
}
