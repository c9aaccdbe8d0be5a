using System.Numerics;

namespace Mpyd.DeviceSim.Execution;

// Runtime values of the simulated board's small interpreter. Python values map to C# as:
// None → null, bool → bool, int → BigInteger, float → double, str → string, bytes → byte[],
// list → List<object?>, tuple → PyTuple; the types below cover the rest.

/// <summary>An immutable tuple.</summary>
internal sealed record PyTuple(object?[] Items)
{
    public static PyTuple Of(params object?[] items) => new(items);
}

/// <summary>A module: built-in (with attributes) or loaded from a file (body not executed).</summary>
internal sealed class PyModule(string name, string? file = null)
{
    public string Name { get; } = name;
    public string? File { get; } = file;
    /// <summary>For packages: the directory that submodules are looked up in.</summary>
    public string? PackagePath { get; init; }
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
    /// <summary>True for built-in modules: a missing attribute is one the simulator does not model.</summary>
    public bool IsBuiltin { get; init; }
    /// <summary>Set for objects that are not modules but carry attributes (sys.implementation).</summary>
    public string? ReprText { get; init; }
}

/// <summary>Raised while evaluating something outside the subset; becomes NotImplementedError naming the statement.</summary>
internal sealed class NotModelledException() : Exception("not modelled by the simulated board");

/// <summary>A callable implemented in C#.</summary>
internal delegate ValueTask<object?> PyCall(object?[] args, IReadOnlyDictionary<string, object?> kwargs, CancellationToken cancellationToken);

internal sealed class PyFunction(string name, PyCall call)
{
    public string Name { get; } = name;
    public PyCall Call { get; } = call;
}

/// <summary>An exception class such as OSError; calling it makes a <see cref="PyException"/>.</summary>
internal sealed class PyExceptionType(string name)
{
    public string Name { get; } = name;
}

/// <summary>An object the board has but the simulator does not model (a name from an unexecuted module body).</summary>
internal sealed class PyOpaque(string description)
{
    public string Description { get; } = description;
}

/// <summary>A dict with str keys (what globals() returns; a live view).</summary>
internal sealed class PyDict(Dictionary<string, object?> items)
{
    public Dictionary<string, object?> Items { get; } = items;
}

/// <summary>A finished iterator (what os.ilistdir returns).</summary>
internal sealed class PyIterator(IReadOnlyList<object?> items)
{
    public IReadOnlyList<object?> Items { get; } = items;
}

/// <summary>A Python exception raised on the board; rendered as the last line of a traceback.</summary>
internal sealed class PyException(string typeName, string message) : Exception($"{typeName}: {message}")
{
    public string TypeName { get; } = typeName;
    public string PyMessage { get; } = message;
    /// <summary>Source line in the submitted code where it was raised (0 = not yet known).</summary>
    public int Line { get; set; }
    /// <summary>For SyntaxError: no "in &lt;module&gt;" part.</summary>
    public bool IsSyntaxError => TypeName is "SyntaxError" or "IndentationError";

    public static PyException OSError(int errno) => new("OSError", ErrnoText(errno)) { Errno = errno };

    public int? Errno { get; private init; }

    public static PyException NotImplemented(string statement) =>
        new("NotImplementedError", $"simulated board cannot run: {statement}");

    public static PyException Type(string message) => new("TypeError", message);

    private static string ErrnoText(int errno) =>
        ErrnoNames.TryGetValue(errno, out var name) ? $"[Errno {errno}] {name}" : errno.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The names an OSError prints with: MicroPython's errno.errorcode table, which is shorter than
    // py/mperrno.h (checked on the VM board: OSError(20) prints "20", not "[Errno 20] ENOTDIR").
    // Other numbers print bare.
    private static readonly Dictionary<int, string> ErrnoNames = new()
    {
        [1] = "EPERM", [2] = "ENOENT", [5] = "EIO", [9] = "EBADF", [11] = "EAGAIN", [12] = "ENOMEM", [13] = "EACCES",
        [17] = "EEXIST", [19] = "ENODEV", [21] = "EISDIR", [22] = "EINVAL", [95] = "EOPNOTSUPP", [98] = "EADDRINUSE",
        [103] = "ECONNABORTED", [104] = "ECONNRESET", [105] = "ENOBUFS", [107] = "ENOTCONN", [110] = "ETIMEDOUT",
        [111] = "ECONNREFUSED", [113] = "EHOSTUNREACH", [114] = "EALREADY", [115] = "EINPROGRESS",
    };
}

/// <summary>SystemExit (sys.exit, raise SystemExit, machine.soft_reset): the REPL soft-resets.</summary>
internal sealed class SoftResetException() : Exception("soft reset");

/// <summary>Helpers for Python-style conversions.</summary>
internal static class Py
{
    public static BigInteger ToInt(object? v, string what) => v switch
    {
        BigInteger i => i,
        bool b => b ? 1 : 0,
        _ => throw PyException.Type($"can't convert {TypeName(v)} to int"),
    };

    public static int ToInt32(object? v, string what)
    {
        var i = ToInt(v, what);
        if (i < int.MinValue || i > int.MaxValue)
            throw new PyException("OverflowError", "overflow converting long int to machine word");
        return (int)i;
    }

    public static string ToStr(object? v, string what) =>
        v as string ?? throw PyException.Type($"can't convert '{TypeName(v)}' object to str implicitly");

    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        bool => "bool",
        BigInteger => "int",
        double => "float",
        string => "str",
        byte[] => "bytes",
        List<object?> => "list",
        PyTuple => "tuple",
        PyModule => "module",
        PyFunction => "function",
        PyExceptionType => "type",
        PyIterator => "iterator",
        PyDict => "dict",
        BoardFileObject => "FileIO",
        _ => "object",
    };

    public static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        BigInteger i => !i.IsZero,
        double d => d != 0,
        string s => s.Length > 0,
        byte[] b => b.Length > 0,
        List<object?> l => l.Count > 0,
        PyTuple t => t.Items.Length > 0,
        _ => true,
    };

    public static bool Equal(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (bool x, bool y) => x == y,
        (bool x, BigInteger y) => (x ? 1 : 0) == y,
        (BigInteger x, bool y) => x == (y ? 1 : 0),
        (BigInteger x, BigInteger y) => x == y,
        (BigInteger x, double y) => (double)x == y,
        (double x, BigInteger y) => x == (double)y,
        (double x, double y) => x == y,
        (string x, string y) => x == y,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Equal(p.First, p.Second)),
        (PyTuple x, PyTuple y) => x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => Equal(p.First, p.Second)),
        _ => ReferenceEquals(a, b),
    };

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string sub => s.Contains(sub, StringComparison.Ordinal),
        byte[] b when item is byte[] sub => b.AsSpan().IndexOf(sub) >= 0,
        byte[] b when item is BigInteger i => i >= 0 && i <= 255 && Array.IndexOf(b, (byte)i) >= 0,
        List<object?> l => l.Any(x => Equal(x, item)),
        PyTuple t => t.Items.Any(x => Equal(x, item)),
        PyIterator it => it.Items.Any(x => Equal(x, item)),
        PyDict d => item is string key && d.Items.ContainsKey(key),
        _ => throw PyException.Type($"'{TypeName(container)}' object isn't iterable"),
    };

    public static readonly IReadOnlyDictionary<string, object?> NoKwargs = new Dictionary<string, object?>();
}
