using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>
/// The download cache: files under <see cref="LabelStudioConnectionOptions.CacheDir"/>, named per SPEC §8.4 and
/// reused without network access. Concurrent requests for one file share one download; a download is written to a
/// temporary file and renamed into place only when complete, so a partial file never becomes a cache entry.
/// </summary>
internal sealed class DownloadCache(LabelStudioHttp http, IOptions<LabelStudioConnectionOptions> options, TaskDataMetrics metrics, ILogger<DownloadCache> logger)
{
    private const string PartialPrefix = ".partial-";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The cache folder, absolute.</summary>
    public string Directory => Path.GetFullPath(options.Value.CacheDir ?? ".cache");

    /// <summary>The cache file of <paramref name="candidate"/>.</summary>
    public string PathOf(DownloadCandidate candidate) => Path.Combine(Directory, CacheFileNames.For(candidate.CacheKey, candidate.FileName));

    /// <summary>
    /// Returns the cached file of the first candidate that has one; otherwise downloads the first candidate, trying
    /// the next ones only when it answers an HTTP error (SPEC §8.2 upload fallback). When all fail, the first error is
    /// thrown.
    /// </summary>
    public Task<string> GetAsync(IReadOnlyList<DownloadCandidate> candidates, CancellationToken cancellationToken)
    {
        foreach (var candidate in candidates)
        {
            var cached = PathOf(candidate);
            if (File.Exists(cached))
            {
                metrics.CacheHit();
                return Task.FromResult(cached);
            }
        }

        return ShareAsync(PathOf(candidates[0]), () => DownloadAsync(candidates), cancellationToken);
    }

    /// <summary>Returns the cache file for <paramref name="candidate"/>, writing it with <paramref name="write"/> when absent.</summary>
    public Task<string> GetOrWriteAsync(DownloadCandidate candidate, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var path = PathOf(candidate);
        return File.Exists(path)
            ? Task.FromResult(path)
            : ShareAsync(path, () => WriteAtomicallyAsync(path, write, CancellationToken.None), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="produce"/> once for all concurrent callers of <paramref name="path"/>. The work is bounded
    /// by the timeout, not by one caller's token: a caller that gives up does not fail the others.
    /// </summary>
    private async Task<string> ShareAsync(string path, Func<Task<string>> produce, CancellationToken cancellationToken)
    {
        var shared = _inFlight.GetOrAdd(path, _ => new Lazy<Task<string>>(produce, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (shared.Value.IsCompleted)
            {
                _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(path, shared));
            }
        }
    }

    private async Task<string> DownloadAsync(IReadOnlyList<DownloadCandidate> candidates)
    {
        await Task.Yield();
        var settings = options.Value;
        TaskDataException? firstError = null;
        foreach (var candidate in candidates)
        {
            using var timeout = new CancellationTokenSource(settings.Timeout);
            try
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(candidate.Url, timeout.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    firstError ??= http.StatusError(response, candidate.Url);
                    continue;
                }

                if (response.Content.Headers.ContentLength > settings.MaxFileSize)
                {
                    throw LabelStudioHttp.TooLarge(candidate.Url, settings.MaxFileSize);
                }

                var path = PathOf(candidate);
                var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    await WriteAtomicallyAsync(path, (target, token) => CopyLimitedAsync(body, target, candidate.Url, settings.MaxFileSize, token), timeout.Token)
                        .ConfigureAwait(false);
                }

                var bytes = new FileInfo(path).Length;
                metrics.Downloaded(bytes);
                Log.Downloaded(logger, UrlRedaction.Redact(candidate.Url), path, bytes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return path;
            }
            catch (Exception ex) when (ex is not TaskDataException)
            {
                throw LabelStudioHttp.Translate(ex, candidate.Url, CancellationToken.None, settings);
            }
        }

        throw firstError!;
    }

    private async Task<string> WriteAtomicallyAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temporary = Path.Combine(Directory, $"{PartialPrefix}{Guid.NewGuid():N}");
        try
        {
            var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (target.ConfigureAwait(false))
            {
                await write(target, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static async Task CopyLimitedAsync(Stream source, Stream target, string url, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw LabelStudioHttp.TooLarge(url, limit);
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
