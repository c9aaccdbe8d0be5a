using System.Text;

namespace Mpyd.Bench;

/// <summary>Our own generated module text for the mount benchmarks: constants, functions, a class.</summary>
internal static class BenchModules
{
    /// <param name="n">Module number, so every module's text differs.</param>
    /// <param name="tableSize">Items in the constant list.</param>
    /// <param name="functions">Number of small functions (each about 150 bytes).</param>
    public static string Source(int n, int tableSize, int functions)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# generated benchmark module {n}");
        sb.AppendLine($"NAME = 'module {n}'");
        sb.AppendLine($"TABLE = [{string.Join(", ", Enumerable.Range(n, tableSize))}]");
        for (var f = 0; f < functions; f++)
        {
            sb.AppendLine($"def f{f}(x, y={f}):");
            sb.AppendLine($"    \"\"\"Function {f} of module {n}: a little arithmetic and a loop.\"\"\"");
            sb.AppendLine("    total = 0");
            sb.AppendLine("    for i in range(x):");
            sb.AppendLine($"        total += (i * y) % {f + 3}");
            sb.AppendLine("    return total");
            sb.AppendLine();
        }
        sb.AppendLine($"class Sensor{n}:");
        sb.AppendLine("    def __init__(self, pin):");
        sb.AppendLine("        self.pin = pin");
        sb.AppendLine("        self.readings = []");
        sb.AppendLine("    def add(self, value):");
        sb.AppendLine("        self.readings.append(value)");
        sb.AppendLine("        return sum(self.readings) / len(self.readings)");
        return sb.ToString();
    }
}
