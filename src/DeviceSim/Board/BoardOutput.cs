using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Mpyd.DeviceSim.Board;

/// <summary>
/// The board's transmit side. Program text (print, tracebacks) gets LF→CRLF when the board
/// converts like a bare-metal port; REPL text and binary protocol bytes go out unchanged.
/// </summary>
internal sealed class BoardOutput(PipeWriter writer, bool convertLf)
{
    private static readonly Encoding s_utf8 = new UTF8Encoding(false);

    /// <summary>True once the link is gone (the other end stopped reading, or the board disconnected).</summary>
    public bool Closed { get; private set; }

    public void Raw(ReadOnlySpan<byte> data)
    {
        if (!Closed)
            writer.Write(data);
    }

    public void Raw(byte b) => Raw([b]);

    /// <summary>REPL text, already with the board's exact line endings.</summary>
    public void Repl(string text) => Raw(s_utf8.GetBytes(text));

    /// <summary>Text printed by a program: "\n" becomes "\r\n" on a converting board.</summary>
    public void Program(string text)
    {
        if (convertLf)
            text = text.Replace("\n", "\r\n");
        Raw(s_utf8.GetBytes(text));
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (Closed)
            return;
        try
        {
            var result = await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted)
                Closed = true;
        }
        catch (InvalidOperationException)
        {
            Closed = true;
        }
        catch (IOException)
        {
            Closed = true;
        }
    }

    /// <summary>Ends the link from the board side (a disconnect).</summary>
    public async ValueTask CloseAsync()
    {
        if (Closed)
            return;
        Closed = true;
        await writer.CompleteAsync().ConfigureAwait(false);
    }
}
