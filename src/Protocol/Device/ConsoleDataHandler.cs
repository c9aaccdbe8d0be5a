namespace Mpyd.Protocol.Device;

/// <summary>Receives console bytes as they are read (see <see cref="BoardConnection.ConsoleRead"/>).</summary>
public delegate void ConsoleDataHandler(ReadOnlySpan<byte> data);
