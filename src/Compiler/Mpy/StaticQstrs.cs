namespace Mpyd.Compiler.Mpy;

/// <summary>The 165 strings a .mpy may name by static id (mpy-format spec 2.1), and the long pre-interned strings (Appendix B).</summary>
internal static class StaticQstrs
{
    public static readonly string[] List =
    [
        "", "__dir__", "\n", " ", "*", "/", "<module>", "_", "__call__", "__class__", "__delitem__", "__enter__",
        "__exit__", "__getattr__", "__getitem__", "__hash__", "__init__", "__int__", "__iter__", "__len__", "__main__",
        "__module__", "__name__", "__new__", "__next__", "__qualname__", "__repr__", "__setitem__", "__str__",
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "EOFError", "Ellipsis", "Exception",
        "GeneratorExit", "ImportError", "IndentationError", "IndexError", "KeyError", "KeyboardInterrupt",
        "LookupError", "MemoryError", "NameError", "NoneType", "NotImplementedError", "OSError", "OverflowError",
        "RuntimeError", "StopIteration", "SyntaxError", "SystemExit", "TypeError", "ValueError", "ZeroDivisionError",
        "abs", "all", "any", "append", "args", "bool", "builtins", "bytearray", "bytecode", "bytes", "callable", "chr",
        "classmethod", "clear", "close", "const", "copy", "count", "dict", "dir", "divmod", "end", "endswith", "eval",
        "exec", "extend", "find", "format", "from_bytes", "get", "getattr", "globals", "hasattr", "hash", "id",
        "index", "insert", "int", "isalpha", "isdigit", "isinstance", "islower", "isspace", "issubclass", "isupper",
        "items", "iter", "join", "key", "keys", "len", "list", "little", "locals", "lower", "lstrip", "main", "map",
        "micropython", "next", "object", "open", "ord", "pop", "popitem", "pow", "print", "range", "read", "readinto",
        "readline", "remove", "replace", "repr", "reverse", "rfind", "rindex", "round", "rsplit", "rstrip", "self",
        "send", "sep", "set", "setattr", "setdefault", "sort", "sorted", "split", "start", "startswith", "staticmethod",
        "step", "stop", "str", "strip", "sum", "super", "throw", "to_bytes", "tuple", "type", "update", "upper",
        "utf-8", "value", "values", "write", "zip",
    ];

    public static readonly string[] LongInterned =
    [
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "GeneratorExit", "ImportError",
        "IndentationError", "Interpolation", "KeyboardInterrupt", "LookupError", "MemoryError", "NotImplementedError",
        "OverflowError", "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError", "UnicodeError",
        "ViperTypeError", "ZeroDivisionError", "__build_class__", "__complex__", "__contains__", "__delitem__",
        "__getattr__", "__getitem__", "__qualname__", "__repl_print__", "__reversed__", "__setitem__", "__template__",
        "__traceback__", "bound_method", "classmethod", "difference_update", "format_spec", "heap_unlock",
        "interpolations", "intersection", "intersection_update", "maximum recursion depth exceeded", "micropython",
        "staticmethod", "string.templatelib", "symmetric_difference", "symmetric_difference_update", "templatelib",
        "unpack_from", "vcvt_f32_s32", "vcvt_s32_f32",
    ];

    private static readonly HashSet<string> LongInternedSet = new(LongInterned, StringComparer.Ordinal);

    /// <summary>True for a long string the reference has interned before any source is read.</summary>
    public static bool IsLongInterned(string s) => LongInternedSet.Contains(s);

    private static readonly Dictionary<string, int> Ids = List.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i + 1);

    /// <summary>Static id (1..165) of <paramref name="s"/>, or 0 when it must be written inline.</summary>
    public static int IdOf(string s) => Ids.GetValueOrDefault(s);
}
