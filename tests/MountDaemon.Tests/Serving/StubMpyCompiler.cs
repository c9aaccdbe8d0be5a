using System.Text;
using Mpyd.Compiler;

namespace Mpyd.MountDaemon.Tests.Serving;

/// <summary>
/// A compiler with fixed output: an .mpy header followed by the source name, options and source, or a
/// SyntaxError for a source containing "!!". Counts its calls.
/// </summary>
internal sealed class StubMpyCompiler : IMpyCompiler
{
    public static readonly byte[] Header = [0x4D, 0x06, 0x00, 0x1F];

    public int Calls { get; private set; }

    public List<string> SourceNames { get; } = [];

    public string Identity => "stub 1.0";

    public static byte[] Expected(string sourceName, CompileOptions options, string source) =>
        [.. Header, .. Encoding.UTF8.GetBytes($"{sourceName}|{options.CacheKeyPart}|{source}")];

    public ValueTask<CompileResult> CompileAsync(ReadOnlyMemory<byte> source, string sourceName, CompileOptions options, CancellationToken cancellationToken)
    {
        Calls++;
        SourceNames.Add(sourceName);
        if (source.Span.IndexOf("!!"u8) >= 0)
            return ValueTask.FromResult(CompileResult.Failed(new CompileDiagnostic(sourceName, 1, "SyntaxError", "invalid syntax")));
        return ValueTask.FromResult(new CompileResult(Expected(sourceName, options, Encoding.UTF8.GetString(source.Span)), []));
    }
}
