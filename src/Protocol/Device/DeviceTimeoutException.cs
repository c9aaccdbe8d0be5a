namespace Mpyd.Protocol.Device;

/// <summary>The board did not send what was expected within a deadline.</summary>
public sealed class DeviceTimeoutException : DeviceException
{
    public DeviceTimeoutException(string device, string waitingFor, TimeSpan timeout, string? hint = null)
        : base($"no {waitingFor} from {device} within {timeout.TotalSeconds:0.#} s",
            hint ?? "the board may be busy running a program; interrupt it with Ctrl-C or press its reset button, then retry")
    {
        Device = device;
        WaitingFor = waitingFor;
        Timeout = timeout;
    }

    public string Device { get; }

    public string WaitingFor { get; }

    public TimeSpan Timeout { get; }
}
