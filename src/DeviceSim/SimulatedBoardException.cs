namespace Mpyd.DeviceSim;

/// <summary>A Python exception the simulated board raised for a call made through its C# API.</summary>
public sealed class SimulatedBoardException(string typeName, string pythonMessage, int? errno)
    : Exception($"{typeName}: {pythonMessage}")
{
    /// <summary>The exception class, e.g. "OSError", "ImportError", "ValueError".</summary>
    public string TypeName { get; } = typeName;

    /// <summary>The text after "TypeName: " as the board prints it, e.g. "[Errno 2] ENOENT".</summary>
    public string PythonMessage { get; } = pythonMessage;

    /// <summary>For OSError: the errno.</summary>
    public int? Errno { get; } = errno;
}
