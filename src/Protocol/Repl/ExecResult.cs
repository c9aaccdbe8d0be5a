using System.Text;
using Mpyd.Protocol.Device;

namespace Mpyd.Protocol.Repl;

/// <summary>
/// What a submission produced: stdout bytes (empty when they were streamed to a callback) and the
/// error text (the traceback; empty on success).
/// </summary>
public sealed record ExecResult(byte[] Stdout, string Stderr)
{
    /// <summary>True when the code raised (the board sent error text).</summary>
    public bool Failed => Stderr.Length > 0;

    /// <summary>Stdout decoded as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>Returns this result, or throws <see cref="RemoteExecException"/> when the code raised.</summary>
    public ExecResult ThrowIfFailed(string device) =>
        Failed ? throw new RemoteExecException(device, Stdout, Stderr) : this;
}
