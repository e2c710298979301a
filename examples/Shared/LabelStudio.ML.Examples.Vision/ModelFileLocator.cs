using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Turns a model setting (a file path or an <c>http://</c> / <c>https://</c> URL) into a local file path. A URL is
/// downloaded once into <c>$MODEL_DIR/downloaded-models/&lt;sha256 of the URL&gt;/&lt;file name&gt;</c> (written to a
/// temporary file, then moved into place, so a broken download never looks finished) and reused on later starts.
/// Limits: <c>MODEL_DOWNLOAD_MAX_MB</c> (default 2048) and <c>MODEL_DOWNLOAD_TIMEOUT_SECONDS</c> (default 3600).
/// </summary>
public sealed class ModelFileLocator
{
    /// <summary>The folder under <c>MODEL_DIR</c> downloads go to.</summary>
    public const string CacheFolderName = "downloaded-models";

    private readonly long _maxBytes;
    private readonly TimeSpan _timeout;

    /// <summary>A locator that keeps downloads under <paramref name="cacheDirectory"/>.</summary>
    public ModelFileLocator(string cacheDirectory, long maxBytes, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        CacheDirectory = Path.GetFullPath(cacheDirectory);
        _maxBytes = maxBytes;
        _timeout = timeout;
    }

    /// <summary>Where downloads are kept.</summary>
    public string CacheDirectory { get; }

    /// <summary>
    /// The locator the configuration describes: downloads under <c>MODEL_DIR</c> (or <c>--model-dir</c>; default the
    /// working folder) and the two limits.
    /// </summary>
    /// <returns>The locator.</returns>
    /// <exception cref="InvalidOperationException">A limit is no positive whole number.</exception>
    public static ModelFileLocator From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var modelDir = configuration["model-dir"] is { Length: > 0 } switchValue ? switchValue
            : configuration["MODEL_DIR"] is { Length: > 0 } variable ? variable : ".";
        return new ModelFileLocator(
            Path.Combine(modelDir, CacheFolderName),
            (long)ConfigurationNumbers.PositiveWhole(configuration, "MODEL_DOWNLOAD_MAX_MB", 2048) << 20,
            TimeSpan.FromSeconds(ConfigurationNumbers.PositiveWhole(configuration, "MODEL_DOWNLOAD_TIMEOUT_SECONDS", 3600)));
    }

    /// <summary>Whether <paramref name="value"/> is an <c>http://</c> or <c>https://</c> URL rather than a path.</summary>
    public static bool IsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The setting <paramref name="variable"/> as a local path, as <see cref="Locate"/>; <see langword="null"/> when it is not set.</summary>
    /// <returns>The local file, or <see langword="null"/>.</returns>
    public string? LocateSetting(IConfiguration configuration, string variable)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[variable] is { Length: > 0 } value ? Locate(variable, value) : null;
    }

    /// <summary>
    /// <paramref name="value"/> as a local path: a path unchanged, a URL downloaded (or found downloaded before).
    /// </summary>
    /// <param name="variable">The setting's name, for messages.</param>
    /// <param name="value">The setting's value.</param>
    /// <returns>The local file.</returns>
    /// <exception cref="InvalidOperationException">The download failed; the message names the variable, the URL without its credentials or query, and the cause.</exception>
    public string Locate(string variable, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsUrl(value))
        {
            return value;
        }

        var uri = new Uri(value);
        var target = Path.Combine(CacheDirectory, Hash(value), FileName(uri));
        if (File.Exists(target))
        {
            return target;
        }

        try
        {
            // Settings are read while services are built, which is synchronous; ASP.NET Core has no synchronization
            // context, so waiting here cannot deadlock.
            DownloadAsync(uri, target).GetAwaiter().GetResult();
            return target;
        }
        catch (Exception error) when (error is HttpRequestException or IOException or UnauthorizedAccessException or OperationCanceledException or InvalidDataException)
        {
            var cause = error is OperationCanceledException ? $"it took longer than {_timeout.TotalSeconds:0} s (MODEL_DOWNLOAD_TIMEOUT_SECONDS)" : error.Message;
            throw new InvalidOperationException($"{variable}: could not download {Redact(uri)}: {cause}", error);
        }
    }

    /// <summary>The URL as it may be shown: without user name, password, query and fragment (they may hold keys).</summary>
    /// <returns>The shown form.</returns>
    public static string Redact(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var shown = uri.GetLeftPart(UriPartial.Path);
        if (uri.UserInfo.Length > 0)
        {
            shown = shown.Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal);
        }

        return uri.Query.Length > 0 ? shown + "?…" : shown;
    }

    private async Task DownloadAsync(Uri uri, string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.part");
        using var timeout = new CancellationTokenSource(_timeout);
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }

            if (response.Content.Headers.ContentLength > _maxBytes)
            {
                throw new InvalidDataException($"it is {response.Content.Headers.ContentLength} bytes, more than the {_maxBytes >> 20} MB MODEL_DOWNLOAD_MAX_MB allows");
            }

            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    long total = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                    {
                        total += read;
                        if (total > _maxBytes)
                        {
                            throw new InvalidDataException($"it is more than the {_maxBytes >> 20} MB MODEL_DOWNLOAD_MAX_MB allows");
                        }

                        await file.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                    }
                }
            }

            // A concurrent start that finished first wrote the same bytes; replacing its file is harmless.
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static string Hash(string url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));

    private static string FileName(Uri uri)
    {
        var name = Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath));
        foreach (var invalid in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(invalid, '_');
        }

        return name is { Length: > 0 } and not ("." or "..") ? name : "model.onnx";
    }
}
