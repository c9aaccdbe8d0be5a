using System.Security.Cryptography;

namespace Mpyd.MountDaemon.Tests.TestKit;

/// <summary>A real directory to mount, deleted at the end of the test.</summary>
internal class TempDir : IDisposable
{
    public TempDir()
        : this(Directory.CreateTempSubdirectory("mpyd-e2e-").FullName)
    {
    }

    protected TempDir(string path) => Path = path;

    public string Path { get; }

    public string Write(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public string Read(string relative) => File.ReadAllText(System.IO.Path.Combine(Path, relative));

    public bool Exists(string relative) =>
        File.Exists(System.IO.Path.Combine(Path, relative)) || Directory.Exists(System.IO.Path.Combine(Path, relative));

    /// <summary>Relative path → SHA-256 of every file, to prove nothing in the directory was damaged.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).ToDictionary(
            f => System.IO.Path.GetRelativePath(Path, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public virtual void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>An existing directory used as a mount; its owner deletes it.</summary>
internal class TempDirBase(string path) : TempDir(path)
{
    public override void Dispose()
    {
    }
}
