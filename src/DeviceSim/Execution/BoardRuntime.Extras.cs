using System.Security.Cryptography;
using System.Text;

namespace Mpyd.DeviceSim.Execution;

// Small pieces of extensible built-ins that host-side snippets commonly use.
internal sealed partial class BoardRuntime
{
    private static byte[] BytesArg(object?[] args, int i, string fn) => Arg(args, i, fn) switch
    {
        byte[] b => b,
        string s => Encoding.UTF8.GetBytes(s),
        var v => throw PyException.Type($"object with buffer protocol required, not '{Py.TypeName(v)}'"),
    };

    private static void FillBinascii(PyModule m)
    {
        m.Attributes["hexlify"] = Sync("hexlify", a => Encoding.ASCII.GetBytes(Convert.ToHexStringLower(BytesArg(a, 0, "hexlify"))));
        m.Attributes["unhexlify"] = Sync("unhexlify", a =>
        {
            try
            {
                return Convert.FromHexString(Encoding.ASCII.GetString(BytesArg(a, 0, "unhexlify")));
            }
            catch (FormatException)
            {
                throw new PyException("ValueError", "odd-length string");
            }
        });
        m.Attributes["b2a_base64"] = Sync("b2a_base64", a => Encoding.ASCII.GetBytes(Convert.ToBase64String(BytesArg(a, 0, "b2a_base64")) + "\n"));
        m.Attributes["a2b_base64"] = Sync("a2b_base64", a =>
        {
            try
            {
                return Convert.FromBase64String(Encoding.ASCII.GetString(BytesArg(a, 0, "a2b_base64")).Trim());
            }
            catch (FormatException)
            {
                throw new PyException("ValueError", "incorrect padding");
            }
        });
    }

    private static void FillHashlib(PyModule m)
    {
        m.Attributes["sha256"] = Sync("sha256", a =>
        {
            var data = new List<byte>(a.Length > 0 ? BytesArg(a, 0, "sha256") : []);
            var hash = new PyModule("sha256") { ReprText = "<sha256>" };
            hash.Attributes["update"] = Sync("update", u =>
            {
                data.AddRange(BytesArg(u, 0, "update"));
                return null;
            });
            hash.Attributes["digest"] = Sync("digest", _ => SHA256.HashData([.. data]));
            return hash;
        });
    }

    private static void FillOsExtras(PyModule m, SimulatedBoardOptions opts)
    {
        var release = opts.Banner.Split(' ').ElementAtOrDefault(1)?.TrimStart('v') ?? "1.28.0";
        m.Attributes["uname"] = Sync("uname", _ => PyTuple.Of(opts.Platform, opts.Platform, release, opts.Banner.Split(';')[0], opts.MachineName));
    }
}
