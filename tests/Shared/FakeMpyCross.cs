namespace Mpyd.Tests.Shared;

/// <summary>
/// A shell script standing in for mpy-cross (a real process), shared by the compiler's and the
/// daemon's tests: it appends its arguments to calls.log beside itself, then writes a header with
/// armv7emsp's feature byte followed by the input file.
/// </summary>
internal sealed class FakeMpyCross : IDisposable
{
    public const string Version = "MicroPython v1.28.0 on 2026-01-01; mpy-cross emitting mpy v6.3 (fake)";

    private const string Script = """
        #!/bin/sh
        if [ "$1" = "--version" ]; then echo "VERSION"; exit 0; fi
        echo "$*" >> "$(dirname "$0")/calls.log"
        for input; do :; done
        out=""
        while [ $# -gt 1 ]; do
          case "$1" in
            -o) out="$2"; shift 2;;
            *) shift;;
          esac
        done
        printf 'M\006\037\037' > "$out"
        cat "$input" >> "$out"
        """;

    public FakeMpyCross()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("mpyd-fake-mpy-cross-").FullName;
        Path = System.IO.Path.Join(Directory, "mpy-cross");
        // Written once and closed before any run (a script still open for writing cannot be executed: ETXTBSY).
        File.WriteAllText(Path, Script.Replace("VERSION", Version, StringComparison.Ordinal) + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>The private directory holding the script (tests may keep other files there).</summary>
    public string Directory { get; }

    /// <summary>The executable.</summary>
    public string Path { get; }

    /// <summary>The argument line of every compile so far.</summary>
    public string[] Calls()
    {
        var log = System.IO.Path.Join(Directory, "calls.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
