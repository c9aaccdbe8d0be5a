namespace Mpyd.Protocol.Transport;

/// <summary>Telnet command bytes and option numbers (RFC 854, RFC 855 and the option RFCs named below).</summary>
internal static class Telnet
{
    public const byte Se = 240;    // RFC 854: end of sub-negotiation
    public const byte Nop = 241;   // RFC 854
    public const byte Sb = 250;    // RFC 854: start of sub-negotiation
    public const byte Will = 251;  // RFC 854
    public const byte Wont = 252;  // RFC 854
    public const byte Do = 253;    // RFC 854
    public const byte Dont = 254;  // RFC 854
    public const byte Iac = 255;   // RFC 854: "interpret as command"; doubled for a data byte 255

    public const byte Cr = 13;
    public const byte Lf = 10;
    public const byte Nul = 0;

    public const byte OptionBinary = 0;     // RFC 856: 8-bit data, no CR NUL rule
    public const byte OptionEcho = 1;       // RFC 857
    public const byte OptionSuppressGoAhead = 3; // RFC 858
    public const byte OptionComPort = 44;   // RFC 2217: COM-PORT-OPTION
}
