using System.Reflection;
using Mpyd.Compiler.CodeGen;
using Mpyd.Compiler.Diagnostics;
using Mpyd.Compiler.Lexing;
using Mpyd.Compiler.Mpy;
using Mpyd.Compiler.Parsing;

namespace Mpyd.Compiler;

/// <summary>
/// The in-process compiler: MicroPython source to .mpy v6 bytes, byte-identical with mpy-cross v1.28.0 for
/// bytecode output. Native/viper/inline-assembler functions are reported as errors.
/// </summary>
public sealed class NativeMpyCompiler : IMpyCompiler
{
    private static readonly string Version =
        typeof(NativeMpyCompiler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.1.0";

    // The build's module id changes whenever the compiler's code does (deterministic builds), so a
    // cache keyed by Identity never serves bytecode from an older build of the same version.
    private static readonly string Build =
        typeof(NativeMpyCompiler).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..8];

    public string Identity => $"mpyd-native {Version}+{Build} (mpy-cross v1.28.0 compatible)";

    public ValueTask<CompileResult> CompileAsync(ReadOnlyMemory<byte> source, string sourceName, CompileOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Compile(source.Span, sourceName, options));
    }

    /// <summary>Synchronous form of <see cref="CompileAsync"/>.</summary>
    public CompileResult Compile(ReadOnlySpan<byte> source, string sourceName, CompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SmallIntBits, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.SmallIntBits, 64, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.OptimizationLevel, nameof(options));
        string name = sourceName.Replace('\\', '/');
        try
        {
            try
            {
                return new CompileResult(CompileToBytes(source, name, options), []);
            }
            catch (InsufficientExecutionStackException)
            {
                // Deeply nested source: retry on a thread with a large stack (the reference has no fixed limit).
                return new CompileResult(CompileOnLargeStack(source.ToArray(), name, options), []);
            }
        }
        catch (Exception e) when (e is not CompileErrorException and not OperationCanceledException)
        {
            // A defect here must not take the caller down: report it as a failed compile (callers can fall back to .py).
            return CompileResult.Failed(new CompileDiagnostic(name, 0, "InternalError", $"mpyd-native failed: {e.GetType().Name}: {e.Message}"));
        }
        catch (CompileErrorException e)
        {
            var diag = new CompileDiagnostic(name, e.Line, e.ExceptionType, e.Message);
            var diagnostics = e.Note is null ? [diag] : new[] { diag, new CompileDiagnostic(name, e.Line, "Note", e.Note) };
            return new CompileResult(null, diagnostics) { NeedsNativeEmitter = e.NeedsNativeEmitter };
        }
    }

    private const int LargeStackBytes = 512 * 1024 * 1024;

    private static byte[] CompileOnLargeStack(byte[] source, string name, CompileOptions options)
    {
        byte[]? result = null;
        Exception? error = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = CompileToBytes(source, name, options);
                }
                catch (InsufficientExecutionStackException)
                {
                    error = new CompileErrorException("RuntimeError", "maximum recursion depth exceeded", 0);
                }
                catch (Exception e)
                {
                    // Handed back to the calling thread; an exception escaping a thread would end the process.
                    error = e;
                }
            },
            LargeStackBytes);
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
        return result!;
    }

    internal static byte[] CompileToBytes(ReadOnlySpan<byte> source, string sourceName, CompileOptions options)
    {
        var qname = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(sourceName));
        // Names and short strings of this file; the static long ones are looked up separately (StaticQstrs).
        var interned = new HashSet<string>(StringComparer.Ordinal) { qname };
        var lexer = new Lexer(source, options.OptimizationLevel);
        var root = new Parser(lexer, interned, options.SmallIntBits).ParseFile();
        var tables = new ModuleTables(qname);
        var gen = new CodeGenerator(tables, options.OptimizationLevel, options.SmallIntBits, options.Architecture is not null);
        var module = gen.Compile(root);
        return MpyWriter.Write(module, gen.Output, tables, options.SmallIntBits);
    }
}
