namespace Mpyd.Protocol.Device;

/// <summary>
/// Base of the typed failures talking to a board. <see cref="Exception.Message"/> reads
/// "<see cref="Problem"/> (<see cref="Hint"/>)", ready for the CLI's one-line error.
/// </summary>
public abstract class DeviceException : Exception
{
    protected DeviceException(string problem, string hint, Exception? innerException = null)
        : base($"{problem} ({hint})", innerException)
    {
        Problem = problem;
        Hint = hint;
    }

    /// <summary>What went wrong and where (names the port).</summary>
    public string Problem { get; }

    /// <summary>What the user can do about it.</summary>
    public string Hint { get; }
}
