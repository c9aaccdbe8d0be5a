using System.Net;
using Mpyd.MountDaemon.Cli;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>
/// Gets manifests and files over HTTP(S) (or from local paths, as mpremote allows), turning every
/// failure into one <see cref="CommandException"/> line in mpremote's wording.
/// </summary>
internal sealed class MipFetcher(HttpClient http, TimeSpan requestTimeout)
{
    /// <summary>Larger answers are refused: no MicroPython package comes near it.</summary>
    public const int MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>A manifest: a 404 is "Package not found: <paramref name="name"/>".</summary>
    public Task<byte[]> GetPackageAsync(string url, string name, CancellationToken cancellationToken) =>
        MipPackageSpec.IsRemote(url)
            ? GetAsync(url, name, $"Package not found: {name}", cancellationToken)
            : Task.FromResult(ReadLocal(url, e => $"Error opening {url}"));

    /// <summary>A file to install: a 404 is "File not found: <paramref name="url"/>".</summary>
    public Task<byte[]> GetFileAsync(string url, CancellationToken cancellationToken)
    {
        if (MipPackageSpec.IsRemote(url))
            return GetAsync(url, url, $"File not found: {url}", cancellationToken);
        if (url.Contains('\\'))
            throw new CommandException($"Use \"/\" instead of \"\\\" in file URLs: '{url}'");
        return Task.FromResult(ReadLocal(url, e => $"{Reason(e)} opening {url}"));
    }

    private async Task<byte[]> GetAsync(string url, string name, string notFound, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CommandException($"Invalid URL: {url}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(requestTimeout);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new CommandException(notFound);
            if (!response.IsSuccessStatusCode)
                throw new CommandException($"Error {(int)response.StatusCode} requesting {name}");
            if (response.Content.Headers.ContentLength > MaxResponseBytes)
                throw TooLarge(name);
            using var body = new MemoryStream();
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > MaxResponseBytes)
                        throw TooLarge(name);
                    body.Write(buffer, 0, read);
                }
            }
            return body.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandException($"No answer within {requestTimeout.TotalSeconds:0.#} s requesting {name}");
        }
        catch (HttpRequestException e)
        {
            throw new CommandException($"{Reason(e)} requesting {name}");
        }
        catch (IOException e)
        {
            throw new CommandException($"{Reason(e)} requesting {name}");
        }
    }

    private static CommandException TooLarge(string name) =>
        new($"Answer larger than {MaxResponseBytes / (1024 * 1024)} MB requesting {name}");

    private static byte[] ReadLocal(string path, Func<Exception, string> message)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandException(message(e));
        }
    }

    // The innermost cause reads best ("Connection refused", "Name or service not known").
    private static string Reason(Exception e)
    {
        if (e is FileNotFoundException or DirectoryNotFoundException)
            return "No such file or directory";
        while (e.InnerException is not null)
            e = e.InnerException;
        return e.Message.TrimEnd('.');
    }
}
