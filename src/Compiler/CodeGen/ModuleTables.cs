using Mpyd.Compiler.Values;

namespace Mpyd.Compiler.CodeGen;

/// <summary>The file-wide qstr and constant tables, filled in first-use order (mpy-format spec 2.3, 1.5).</summary>
internal sealed class ModuleTables
{
    private readonly Dictionary<string, int> _qstrIndex = [];

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
        for (int i = 0; i < Constants.Count; i++)
        {
            if (ReferenceEquals(Constants[i], o) || PyEquality.StrictEquals(Constants[i], o))
            {
                return i;
            }
        }
        Constants.Add(o);
        return Constants.Count - 1;
    }
}
