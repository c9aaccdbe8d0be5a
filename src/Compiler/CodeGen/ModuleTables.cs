using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.CodeGen;

/// <summary>The file-wide qstr and constant tables, filled in first-use order (mpy-format spec 2.3, 1.5).</summary>
internal sealed class ModuleTables
{
    private readonly Dictionary<string, int> _qstrIndex = [];
    private readonly Dictionary<object, int> _constIndex = new(StrictComparer.Instance);

    public ModuleTables(string sourceName)
    {
        UseQstr(sourceName);
    }

    public List<string> Qstrs { get; } = [];

    public List<object> Constants { get; } = [];

    public int UseQstr(string s)
    {
        if (!_qstrIndex.TryGetValue(s, out int i))
        {
            i = Qstrs.Count;
            Qstrs.Add(s);
            _qstrIndex[s] = i;
        }
        return i;
    }

    public int UseConst(object o)
    {
        if (!_constIndex.TryGetValue(o, out int i))
        {
            i = Constants.Count;
            Constants.Add(o);
            _constIndex[o] = i;
        }
        return i;
    }

    /// <summary>Strict equality (same type and value) with the same object always found, so a NaN object matches itself only.</summary>
    private sealed class StrictComparer : IEqualityComparer<object>
    {
        public static readonly StrictComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y) || (x is not null && y is not null && PyEquality.StrictEquals(x, y));

        public int GetHashCode(object o) => PyEquality.StrictHash(o);
    }
}
