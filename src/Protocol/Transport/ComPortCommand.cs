namespace Mpyd.Protocol.Transport;

/// <summary>
/// RFC 2217 COM-PORT-OPTION sub-negotiation commands, client to access server (section 3);
/// the server's answers and notifications use the same value plus <see cref="ServerOffset"/>.
/// </summary>
internal enum ComPortCommand : byte
{
    Signature = 0,          // RFC 2217: text; empty = "send me yours"
    SetBaudRate = 1,        // RFC 2217: 4 bytes, network byte order
    SetDataSize = 2,        // RFC 2217: 5..8
    SetParity = 3,          // RFC 2217: 1 = none
    SetStopSize = 4,        // RFC 2217: 1 = one stop bit
    SetControl = 5,         // RFC 2217: flow control, BREAK, DTR, RTS
    NotifyLineState = 6,    // RFC 2217: server → client line state bits
    NotifyModemState = 7,   // RFC 2217: server → client modem line bits
    FlowControlSuspend = 8, // RFC 2217: stop sending data
    FlowControlResume = 9,  // RFC 2217: resume sending data
    SetLineStateMask = 10,  // RFC 2217
    SetModemStateMask = 11, // RFC 2217
    PurgeData = 12,         // RFC 2217
    ServerOffset = 100,     // RFC 2217: server-to-client command = client command + 100
}

/// <summary>Values of <see cref="ComPortCommand.SetControl"/> (RFC 2217 section 3).</summary>
internal static class ComPortControl
{
    public const byte NoFlowControl = 1;
    public const byte DtrOn = 8;
    public const byte DtrOff = 9;
    public const byte RtsOn = 11;
    public const byte RtsOff = 12;
}
