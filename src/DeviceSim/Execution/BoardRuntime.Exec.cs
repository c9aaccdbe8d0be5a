using System.Numerics;
using System.Text;

namespace Mpyd.DeviceSim.Execution;

/// <summary>How submitted text is compiled: a friendly-REPL line echoes expression values; files do not.</summary>
internal enum ExecMode { Single, File }

internal sealed partial class BoardRuntime
{
    /// <summary>
    /// Runs submitted code. Throws <see cref="PyException"/> (with its line) for an uncaught
    /// exception and <see cref="SoftResetException"/> for SystemExit.
    /// </summary>
    public async ValueTask ExecuteAsync(string source, ExecMode mode, CancellationToken ct)
    {
        var input = Link.Input;
        EnterRunning();
        try
        {
            if (BoardProgramRecognizer.TrySplit(source, out var rest))
            {
                // Our program, maybe followed by more code (e.g. the mount call) in the same submission.
                await RunBoardProgramAsync(ct).ConfigureAwait(false);
                source = rest;
            }
            else if (FsHelperRecognizer.TrySplit(source, out var afterHelper))
            {
                // mpyd's file helper, followed by the call that needed it.
                await DefineFsHelperAsync(ct).ConfigureAwait(false);
                source = afterHelper;
            }
            List<Stmt> statements;
            try
            {
                statements = Parser.Parse(source);
            }
            catch (Exception e) when (e is not PyException)
            {
                // A gap in the simulator's parser: report it as the compiler would, not as a crash.
                throw new PyException("SyntaxError", $"simulated board could not parse: {e.Message}") { Line = 1 };
            }
            foreach (var stmt in statements)
            {
                try
                {
                    CheckInterrupt();
                    await RunStatementAsync(stmt, mode, ct).ConfigureAwait(false);
                    await Link.Output.FlushAsync(ct).ConfigureAwait(false);
                }
                catch (PyException e) when (e.Line == 0)
                {
                    e.Line = stmt.Line;
                    throw;
                }
                catch (NotModelledException)
                {
                    throw WithLine(PyException.NotImplemented(stmt.Text), stmt.Line);
                }
                catch (Exception e) when (e is InvalidCastException or IndexOutOfRangeException or ArgumentException
                    or OverflowException or FormatException or KeyNotFoundException or NullReferenceException)
                {
                    // A gap in the simulator must not kill the board: report it like a board error.
                    throw WithLine(new PyException("RuntimeError", $"simulated board fault: {e.GetType().Name}: {e.Message}"), stmt.Line);
                }
            }
        }
        finally
        {
            input.InterruptChar = -1;
            input.ClearInterrupt();
        }
    }

    private static PyException WithLine(PyException e, int line)
    {
        e.Line = line;
        return e;
    }

    // The top level of mpyd_board.py: its imports, then the definitions (implemented natively).
    private async ValueTask RunBoardProgramAsync(CancellationToken ct)
    {
        foreach (var name in new[] { "os", "sys", "io", "struct", "micropython" })
            Globals[name] = (await ImportDottedAsync(name, ct).ConfigureAwait(false)).Top;
        Globals["select"] = (await ImportDottedAsync("select", ct).ConfigureAwait(false)).Top;
        foreach (var name in new[] { "_MpydLink", "_MpydFile", "_MpydFS", "_nbytes", "_byteview" })
            Globals[name] = new PyOpaque($"<{name}>");
        Globals["_mpyd_mount"] = Fn("_mpyd_mount", async (a, _, c) =>
        {
            await MountRemoteAsync(Py.ToInt32(Arg(a, 0, "_mpyd_mount"), "ahead"), Py.ToInt32(Arg(a, 1, "_mpyd_mount"), "timeout"), c).ConfigureAwait(false);
            return null;
        });
        Globals["_mpyd_umount"] = Fn("_mpyd_umount", async (_, _, c) =>
        {
            await UnmountRemoteAsync(c).ConfigureAwait(false);
            return null;
        });
    }

    private async ValueTask RunStatementAsync(Stmt stmt, ExecMode mode, CancellationToken ct)
    {
        switch (stmt)
        {
            case ImportStmt s:
                foreach (var (name, alias) in s.Names)
                {
                    var (top, leaf) = await ImportDottedAsync(name, ct).ConfigureAwait(false);
                    if (alias is null)
                        Globals[name.Split('.')[0]] = top;
                    else
                        Globals[alias] = leaf;
                }
                break;
            case FromImportStmt s:
                var (_, module) = await ImportDottedAsync(s.Module, ct).ConfigureAwait(false);
                foreach (var (name, alias) in s.Names)
                    Globals[alias ?? name] = await FromImportAsync(module, name, ct).ConfigureAwait(false);
                break;
            case AssignStmt s:
                Globals[s.Target] = await EvalAsync(s.Value, ct).ConfigureAwait(false);
                break;
            case ExprStmt s:
                var value = await EvalAsync(s.Value, ct).ConfigureAwait(false);
                if (mode == ExecMode.Single && value is not null)
                    Link.Output.Program(PyFormat.Repr(value) + "\n");
                break;
            case RaiseStmt s:
                throw await MakeExceptionAsync(s.Exception, ct).ConfigureAwait(false);
            case PassStmt:
                break;
            default:
                throw new NotModelledException();
        }
    }

    private async ValueTask<object?> FromImportAsync(PyModule module, string name, CancellationToken ct)
    {
        if (module.Attributes.TryGetValue(name, out var value))
            return value;
        if (module.PackagePath is not null)
        {
            try
            {
                return (await ImportDottedAsync(module.Name + "." + name, ct).ConfigureAwait(false)).Leaf;
            }
            catch (PyException e) when (e.TypeName == "ImportError")
            {
                throw new PyException("ImportError", $"can't import name {name}");
            }
        }
        if (module.IsBuiltin)
            throw new PyException("ImportError", $"can't import name {name}");
        // The module's body was not executed, so its names are unknown: bind a stand-in.
        return new PyOpaque($"<{module.Name}.{name}>");
    }

    private async ValueTask<Exception> MakeExceptionAsync(Expr? expr, CancellationToken ct)
    {
        if (expr is null)
            return new PyException("RuntimeError", "No active exception to reraise");
        var value = await EvalAsync(expr, ct).ConfigureAwait(false);
        return value switch
        {
            PyExceptionType { Name: "SystemExit" } => new SoftResetException(),
            PyExceptionType t => new PyException(t.Name, ""),
            PyException { TypeName: "SystemExit" } => new SoftResetException(),
            PyException e => e,
            _ => PyException.Type("exceptions must derive from BaseException"),
        };
    }

    // ---- expressions ----

    private async ValueTask<object?> EvalAsync(Expr expr, CancellationToken ct)
    {
        switch (expr)
        {
            case ConstExpr c:
                return c.Value;
            case NameExpr n:
                return LookupName(n.Name);
            case ListExpr l:
                var items = new List<object?>();
                foreach (var e in l.Items)
                    items.Add(await EvalAsync(e, ct).ConfigureAwait(false));
                return items;
            case TupleExpr t:
                var values = new object?[t.Items.Count];
                for (var i = 0; i < values.Length; i++)
                    values[i] = await EvalAsync(t.Items[i], ct).ConfigureAwait(false);
                return new PyTuple(values);
            case AttrExpr a:
                return GetAttr(await EvalAsync(a.Target, ct).ConfigureAwait(false), a.Name);
            case IndexExpr ix:
                return Index(await EvalAsync(ix.Target, ct).ConfigureAwait(false), await EvalAsync(ix.Index, ct).ConfigureAwait(false));
            case UnaryExpr u:
                var operand = await EvalAsync(u.Operand, ct).ConfigureAwait(false);
                return (u.Op, operand) switch
                {
                    ("not", _) => !Py.Truthy(operand),
                    ("-", BigInteger i) => -i,
                    ("-", double d) => -d,
                    ("+", BigInteger or double) => operand,
                    _ => throw PyException.Type($"unsupported type for {u.Op}: '{Py.TypeName(operand)}'"),
                };
            case BinaryExpr b:
                return Binary(b.Op, await EvalAsync(b.Left, ct).ConfigureAwait(false), await EvalAsync(b.Right, ct).ConfigureAwait(false));
            case CallExpr call:
                return await CallAsync(call, ct).ConfigureAwait(false);
            default:
                throw new NotModelledException();
        }
    }

    private static object? Binary(string op, object? l, object? r) => (op, l, r) switch
    {
        ("==", _, _) => Py.Equal(l, r),
        ("!=", _, _) => !Py.Equal(l, r),
        ("is", _, _) => ReferenceEquals(l, r) || (l is null && r is null) || (l is bool a1 && r is bool b1 && a1 == b1),
        ("is not", _, _) => !(ReferenceEquals(l, r) || (l is null && r is null) || (l is bool a2 && r is bool b2 && a2 == b2)),
        ("in", _, _) => Py.Contains(r, l),
        ("not in", _, _) => !Py.Contains(r, l),
        ("+", BigInteger a, BigInteger b) => a + b,
        ("-", BigInteger a, BigInteger b) => a - b,
        ("*", BigInteger a, BigInteger b) => a * b,
        ("+", double a, double b) => a + b,
        ("-", double a, double b) => a - b,
        ("*", double a, double b) => a * b,
        ("+", string a, string b) => a + b,
        ("+", byte[] a, byte[] b) => a.Concat(b).ToArray(),
        ("+", List<object?> a, List<object?> b) => a.Concat(b).ToList(),
        ("*", string a, BigInteger n) => string.Concat(Enumerable.Repeat(a, (int)BigInteger.Max(0, n))),
        ("*", byte[] a, BigInteger n) => Enumerable.Repeat(a, (int)BigInteger.Max(0, n)).SelectMany(x => x).ToArray(),
        _ => throw PyException.Type($"unsupported types for {OpName(op)}: '{Py.TypeName(l)}', '{Py.TypeName(r)}'"),
    };

    private static string OpName(string op) => op switch { "+" => "__add__", "-" => "__sub__", _ => "__mul__" };

    private static object? Index(object? target, object? index)
    {
        var i = index is string ? 0 : Py.ToInt32(index, "index");
        object? Pick<T>(IReadOnlyList<T> list, Func<T, object?> map, string type)
        {
            var k = i < 0 ? i + list.Count : i;
            if (k < 0 || k >= list.Count)
                throw new PyException("IndexError", $"{type} index out of range");
            return map(list[k]);
        }
        return target switch
        {
            List<object?> l => Pick(l, x => x, "list"),
            PyTuple t => Pick(t.Items, x => x, "tuple"),
            PyDict d when index is string key => d.Items.TryGetValue(key, out var v) ? v : throw new PyException("KeyError", PyFormat.Repr(key)),
            string s => Pick(s.Select(c => c.ToString()).ToList(), x => x, "string"),
            byte[] b => Pick(b, x => (BigInteger)x, "bytes"),
            _ => throw PyException.Type($"'{Py.TypeName(target)}' object isn't subscriptable"),
        };
    }

    private object? LookupName(string name)
    {
        if (Globals.TryGetValue(name, out var value))
            return value;
        if (_builtins.Value.TryGetValue(name, out var builtin))
            return builtin;
        throw new PyException("NameError", $"name '{name}' isn't defined");
    }

    private object? GetAttr(object? target, string name)
    {
        switch (target)
        {
            case PyModule m when m.Attributes.TryGetValue(name, out var v):
                return v;
            case PyModule m when m.ReprText is not null:
                throw new PyException("AttributeError", $"'tuple' object has no attribute '{name}'");
            case PyModule m when m.IsBuiltin && name.StartsWith("__", StringComparison.Ordinal):
                throw new PyException("AttributeError", $"'module' object has no attribute '{name}'");
            case PyModule:
                // A real module would have it (or raise); the simulator cannot tell.
                throw new NotModelledException();
            case BoardFileObject f when BoardFileObject.HasMethod(name):
                return new PyFunction(name, (a, _, ct) => f.CallAsync(name, a, ct));
            case PyException e when name == "errno" && e.Errno is { } errno:
                return (BigInteger)errno;
            case List<object?> l when name == "append":
                // sys.path.append('/remote/lib'): how programs import from a sub-directory.
                return new PyFunction(name, (a, _, _) =>
                {
                    if (a.Length != 1)
                        throw PyException.Type($"function takes 2 positional arguments but {a.Length + 1} were given");
                    l.Add(a[0]);
                    return ValueTask.FromResult<object?>(null);
                });
            default:
                throw new PyException("AttributeError", $"'{Py.TypeName(target)}' object has no attribute '{name}'");
        }
    }

    private async ValueTask<object?> CallAsync(CallExpr call, CancellationToken ct)
    {
        var fn = await EvalAsync(call.Function, ct).ConfigureAwait(false);
        var args = new object?[call.Args.Count];
        for (var i = 0; i < args.Length; i++)
            args[i] = await EvalAsync(call.Args[i], ct).ConfigureAwait(false);
        var kwargs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in call.Kwargs)
            kwargs[name] = await EvalAsync(value, ct).ConfigureAwait(false);
        return fn switch
        {
            PyFunction f => await f.Call(args, kwargs, ct).ConfigureAwait(false),
            PyExceptionType t => MakeException(t, args),
            PyOpaque => throw new NotModelledException(),
            _ => throw PyException.Type($"'{Py.TypeName(fn)}' object isn't callable"),
        };
    }

    private static PyException MakeException(PyExceptionType type, object?[] args)
    {
        if (type.Name == "OSError" && args.Length == 1 && args[0] is BigInteger errno)
            return PyException.OSError((int)errno);
        return new PyException(type.Name, args.Length switch
        {
            0 => "",
            1 => PyFormat.Str(args[0]),
            _ => PyFormat.Repr(new PyTuple(args)),
        });
    }

    private readonly Lazy<Dictionary<string, object?>> _builtins;

    private Dictionary<string, object?> MakeBuiltins()
    {
        var b = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in new[] { "Exception", "BaseException", "OSError", "ValueError", "TypeError", "ImportError", "NameError",
            "AttributeError", "KeyError", "IndexError", "RuntimeError", "SystemExit", "KeyboardInterrupt", "NotImplementedError",
            "StopIteration", "MemoryError", "ZeroDivisionError", "OverflowError", "UnicodeError", "AssertionError" })
            b[name] = new PyExceptionType(name);
        b["print"] = Fn("print", (a, kw, _) =>
        {
            var sep = kw.TryGetValue("sep", out var s) && s is string ss ? ss : " ";
            var end = kw.TryGetValue("end", out var e) && e is string es ? es : "\n";
            Link.Output.Program(string.Join(sep, a.Select(PyFormat.Str)) + end);
            return ValueTask.FromResult<object?>(null);
        });
        b["repr"] = Sync("repr", a => PyFormat.Repr(Arg(a, 0, "repr")));
        b["str"] = Sync("str", a => a.Length == 0 ? "" : a[0] is byte[] bytes && a.Length > 1 ? Encoding.UTF8.GetString(bytes) : PyFormat.Str(a[0]));
        b["len"] = Sync("len", a => (BigInteger)(Arg(a, 0, "len") switch
        {
            string s => s.Length,
            byte[] bytes => bytes.Length,
            List<object?> l => l.Count,
            PyTuple t => t.Items.Length,
            var v => throw PyException.Type($"object of type '{Py.TypeName(v)}' has no len()"),
        }));
        b["getattr"] = Sync("getattr", a =>
        {
            try
            {
                return GetAttr(Arg(a, 0, "getattr"), Py.ToStr(Arg(a, 1, "getattr"), "name"));
            }
            catch (PyException e) when (e.TypeName == "AttributeError" && a.Length > 2)
            {
                return a[2];
            }
        });
        b["hasattr"] = Sync("hasattr", a =>
        {
            try
            {
                GetAttr(Arg(a, 0, "hasattr"), Py.ToStr(Arg(a, 1, "hasattr"), "name"));
                return true;
            }
            catch (PyException e) when (e.TypeName == "AttributeError")
            {
                return false;
            }
        });
        b["list"] = Sync("list", a => a.Length == 0 ? new List<object?>() : Items(a[0]).ToList());
        b["tuple"] = Sync("tuple", a => new PyTuple(a.Length == 0 ? [] : [.. Items(a[0])]));
        b["sorted"] = Sync("sorted", a => Items(Arg(a, 0, "sorted")).OrderBy(x => x as string ?? PyFormat.Repr(x), StringComparer.Ordinal).ToList());
        b["bytes"] = Sync("bytes", a => a.Length == 0 ? Array.Empty<byte>() : a[0] switch
        {
            string s when a.Length > 1 => Encoding.UTF8.GetBytes(s),
            byte[] bytes => bytes,
            BigInteger n => new byte[(int)n],
            List<object?> l => l.Select(x => (byte)Py.ToInt32(x, "bytes")).ToArray(),
            var v => throw PyException.Type($"can't convert '{Py.TypeName(v)}' object to bytes"),
        });
        b["int"] = Sync("int", a => a.Length == 0 ? BigInteger.Zero : a[0] switch
        {
            string s when BigInteger.TryParse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var v) => v,
            double d => new BigInteger(Math.Truncate(d)),
            var v => Py.ToInt(v, "int"),
        });
        b["globals"] = Sync("globals", _ => new PyDict(Globals));
        b["open"] = Fn("open", async (a, kw, ct) =>
        {
            var path = PathArg(a, 0, "open");
            var mode = a.Length > 1 ? Py.ToStr(a[1], "mode") : kw.TryGetValue("mode", out var m) ? Py.ToStr(m, "mode") : "r";
            var (vfs, inner) = Resolve(path);
            var file = await vfs.OpenAsync(inner, mode, ct).ConfigureAwait(false);
            return new BoardFileObject(file, !mode.Contains('b'));
        });
        return b;
    }

    private static IEnumerable<object?> Items(object? v) => v switch
    {
        List<object?> l => l,
        PyTuple t => t.Items,
        PyIterator it => it.Items,
        string s => s.Select(c => (object?)c.ToString()),
        byte[] bytes => bytes.Select(x => (object?)(BigInteger)x),
        _ => throw PyException.Type($"'{Py.TypeName(v)}' object isn't iterable"),
    };
}
