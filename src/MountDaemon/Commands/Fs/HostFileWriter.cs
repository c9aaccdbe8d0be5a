namespace Mpyd.MountDaemon.Commands.Fs;

/// <summary>
/// Writes a host file so that it is never seen half-written: the bytes go to a temporary file in the
/// same directory, which replaces the destination only once complete (and is deleted on failure).
/// </summary>
internal static class HostFileWriter
{
    public static async Task WriteAsync(string destination, Func<Stream, CancellationToken, Task> fill, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(destination) ?? throw new IOException($"{destination} has no parent directory");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.mpyd~");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 65536, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await fill(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            KeepMode(destination, temporary);
            File.Move(temporary, destination, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    // Replacing a file keeps its permissions, as writing into it would.
    private static void KeepMode(string destination, string temporary)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(destination))
            return;
        File.SetUnixFileMode(temporary, File.GetUnixFileMode(destination));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (FsErrors.IsHostFailure(e))
        {
            // Nothing more can be done: the error that got us here is the one to report.
        }
    }
}
