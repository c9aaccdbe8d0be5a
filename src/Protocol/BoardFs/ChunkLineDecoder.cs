using System.Buffers;
using System.Text;
using Mpyd.Protocol.Repl;

namespace Mpyd.Protocol.BoardFs;

/// <summary>
/// Decodes the helper's read output as it streams in: one chunk per line, either the repr of a bytes
/// object (<c>b'...'</c>) or '=' followed by base64. Lines may be split anywhere across reads.
/// </summary>
internal sealed class ChunkLineDecoder(Stream destination, IProgress<long>? progress, string path, string device)
{
    private readonly ArrayBufferWriter<byte> _line = new();
    private long _done;

    public long BytesDecoded => _done;

    public async ValueTask OnStdoutAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var newline = data.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _line.Write(data.Span);
                return;
            }
            _line.Write(data.Span[..newline]);
            data = data[(newline + 1)..];
            await TakeLineAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After the exec: a last line without a newline would be a truncated transfer.</summary>
    public ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        if (_line.WrittenCount == 0)
            return ValueTask.CompletedTask;
        return TakeLineAsync(cancellationToken);
    }

    private async ValueTask TakeLineAsync(CancellationToken cancellationToken)
    {
        var text = Encoding.ASCII.GetString(_line.WrittenSpan).Trim();
        _line.Clear();
        if (text.Length == 0)
            return;
        byte[] chunk;
        try
        {
            chunk = text[0] == '='
                ? Convert.FromBase64String(text[1..])
                : PythonLiteral.Parse(text) as byte[] ?? throw new FormatException("not a bytes literal");
        }
        catch (FormatException e)
        {
            throw new BoardFsException(path, 0, $"{path}: unreadable data from the board ({e.Message}) (on {device})", e);
        }
        await destination.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        _done += chunk.Length;
        progress?.Report(_done);
    }
}
