namespace Mpyd.Compiler;

/// <summary>One error or warning, located like mpy-cross reports it: FILE:LINE: Type: message.</summary>
public sealed record CompileDiagnostic(string File, int Line, string ExceptionType, string Message)
{
    public override string ToString() => $"{File}:{Line}: {ExceptionType}: {Message}";
}

/// <summary>The .mpy bytes (null when compilation failed) and what the compiler said.</summary>
public sealed record CompileResult(byte[]? Mpy, IReadOnlyList<CompileDiagnostic> Diagnostics)
{
    public bool Success => Mpy is not null;

    /// <summary>
    /// The source uses @micropython.native, @micropython.viper or an inline assembler. A bytecode-only compiler
    /// rejects it (no bytes); bytes with this flag came from a compiler with native emitters (mpy-cross -march).
    /// </summary>
    public bool NeedsNativeEmitter { get; init; }

    public static CompileResult Failed(CompileDiagnostic diagnostic) => new(null, [diagnostic]);
}
