namespace Mpyd.DeviceSim;

/// <summary>One file the board loaded during an import.</summary>
/// <param name="Path">Absolute board path, e.g. "/remote/pkg/__init__.py".</param>
/// <param name="Size">Bytes read.</param>
/// <param name="IsBytecode">True for a .mpy.</param>
/// <param name="Requests">Mount requests spent on this module (probes, OPEN, READs, CLOSE); 0 on flash.</param>
public sealed record ImportedFile(string Path, long Size, bool IsBytecode, int Requests)
{
    /// <summary>The line the board prints, without the line ending.</summary>
    public override string ToString() =>
        $"imported {Path} ({Size} bytes, {(IsBytecode ? "bytecode" : "source")}, {Requests} requests)";
}
