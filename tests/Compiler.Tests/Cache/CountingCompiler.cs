using System.Security.Cryptography;
using System.Text;

namespace Mpyd.Compiler.Tests.Cache;

/// <summary>
/// Output = "M\x06\0\x1f" + name + SHA-256 of the source, padded to <see cref="OutputPadding"/>
/// bytes; a source starting with "fail" gives a SyntaxError. Counts its calls.
/// </summary>
internal sealed class CountingCompiler(string identity = "counting 1") : IMpyCompiler
{
    public int Calls { get; private set; }

    public int OutputPadding { get; init; }

    public string Identity { get; } = identity;

    public byte[] Expected(string source, string sourceName)
    {
        byte[] body = [0x4D, 0x06, 0x00, 0x1F, .. Encoding.UTF8.GetBytes(sourceName), .. SHA256.HashData(Encoding.UTF8.GetBytes(source))];
        return body.Length >= OutputPadding ? body : [.. body, .. new byte[OutputPadding - body.Length]];
    }

    public ValueTask<CompileResult> CompileAsync(ReadOnlyMemory<byte> source, string sourceName, CompileOptions options, CancellationToken cancellationToken)
    {
        Calls++;
        var text = Encoding.UTF8.GetString(source.Span);
        return ValueTask.FromResult(text.StartsWith("fail", StringComparison.Ordinal)
            ? CompileResult.Failed(new CompileDiagnostic(sourceName, 1, "SyntaxError", "invalid syntax"))
            : new CompileResult(Expected(text, sourceName), []));
    }
}
