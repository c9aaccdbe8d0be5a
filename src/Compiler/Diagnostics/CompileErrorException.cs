namespace Mpyd.Compiler.Diagnostics;

/// <summary>
/// A compile failure as mpy-cross reports it: exception type, message, line (0 when the reference prints no
/// location) and, for compile-phase errors, the scope name.
/// </summary>
internal sealed class CompileErrorException(string exceptionType, string message, int line, string? scopeName = null)
    : Exception(message)
{
    public string ExceptionType { get; } = exceptionType;

    public int Line { get; } = line;

    /// <summary>Scope named in the traceback ("&lt;module&gt;", a function name...), null for parse-phase errors.</summary>
    public string? ScopeName { get; } = scopeName;

    /// <summary>An extra explanation for the user (not part of the reference's message), or null.</summary>
    public string? Note { get; init; }

    /// <summary>The error is a native-code decorator this bytecode-only compiler cannot honour.</summary>
    public bool NeedsNativeEmitter { get; init; }

    public static CompileErrorException Syntax(string message, int line, string? scope = null) => new("SyntaxError", message, line, scope);
}
