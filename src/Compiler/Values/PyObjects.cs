namespace Mpyd.Compiler.Values;

/// <summary>None, False, True and Ellipsis as constant objects.</summary>
internal sealed class PySingleton
{
    public static readonly PySingleton None = new("None");
    public static readonly PySingleton False = new("False");
    public static readonly PySingleton True = new("True");
    public static readonly PySingleton Ellipsis = new("Ellipsis");

    private PySingleton(string name) => Name = name;

    public string Name { get; }

    public override string ToString() => Name;
}

/// <summary>A str constant; Value holds its UTF-8 bytes as a Latin-1 string.</summary>
internal sealed record PyStr(string Value);

/// <summary>A bytes constant; Value holds the bytes as a Latin-1 string.</summary>
internal sealed record PyBytes(string Value);

/// <summary>A complex constant (only imaginary literals reach the output).</summary>
internal sealed record PyComplex(double Real, double Imag);

/// <summary>A constant tuple.</summary>
internal sealed class PyTuple(object[] items)
{
    public object[] Items { get; } = items;
}
