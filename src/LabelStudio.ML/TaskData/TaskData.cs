using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// Reads the media behind a task's data with one call, whatever it is: a Label Studio upload, a local-files storage
/// file, a cloud storage URI presigned by Label Studio, an http(s) URL, a <c>data:</c> URI or a file in an allowed
/// folder (SPEC §8). Downloads are cached under <see cref="CacheDirectory"/>. Every failure is a
/// <see cref="TaskDataException"/> whose message names the URL and the fix.
/// </summary>
/// <remarks>
/// A singleton: reach it from a model as <see cref="LabelStudioModel.TaskData"/>, or take it in a constructor.
/// Configured by <see cref="LabelStudioConnectionOptions"/> (<c>LABEL_STUDIO_URL</c>, <c>LABEL_STUDIO_API_KEY</c>, …).
/// </remarks>
public sealed class TaskData
{
    private readonly DownloadCache _cache;
    private readonly LabelStudioConnectionOptions _options;
    private readonly TaskDataMetrics _metrics;

    internal TaskData(DownloadCache cache, LabelStudioConnectionOptions options, TaskDataMetrics metrics)
    {
        _cache = cache;
        _options = options;
        _metrics = metrics;
    }

    /// <summary>The folder downloads are kept in (<c>$MODEL_DIR/.cache</c> unless <c>TASK_DATA_CACHE_DIR</c> says otherwise).</summary>
    public string CacheDirectory => _cache.Directory;

    /// <summary>
    /// Returns a local file holding the data behind <paramref name="url"/>: downloaded into the cache (or found there,
    /// without network access), or an existing file in an allowed folder, returned as it is.
    /// </summary>
    /// <param name="url">The task data value: <c>/data/upload/7/a.jpg</c>, <c>/data/local-files/?d=a/b.png</c>, <c>s3://bucket/a.jpg</c>, <c>https://…</c>, <c>data:…</c>, a path.</param>
    /// <param name="taskId">The task's id; required for cloud storage URIs, which Label Studio presigns per task.</param>
    /// <param name="cancellationToken">Stops waiting (a download shared with other callers continues for them).</param>
    /// <exception cref="TaskDataException">The data cannot be read; <see cref="TaskDataException.Category"/> says why.</exception>
    public async Task<string> GetLocalPathAsync(string url, long? taskId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var value = TaskDataClassifier.Normalize(url.Trim());
        var kind = TaskDataClassifier.Classify(value);
        // The span names the kind of data and the task, never the URL: URLs can carry signatures and tokens.
        using var activity = LabelStudioTelemetry.Source.StartActivity("task-data fetch");
        activity?.SetTag("labelstudio.task_data.kind", kind.ToString());
        activity?.SetTag("labelstudio.task", taskId);
        try
        {
            return await ResolveAsync(kind, value, url, taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskDataException ex) when (_metrics.Failed(ex) || (activity is not null && PredictionRunner.Failed(activity, ex)))
        {
            throw;
        }
    }

    private async Task<string> ResolveAsync(TaskDataKind kind, string value, string url, long? taskId, CancellationToken cancellationToken)
    {
        return kind switch
        {
            TaskDataKind.DataUri => await FromDataUriAsync(value, cancellationToken).ConfigureAwait(false),
            TaskDataKind.Upload => await _cache.GetAsync(UploadCandidates(value, url), cancellationToken).ConfigureAwait(false),
            TaskDataKind.LocalStorage => await FromLocalStorageAsync(value, url, cancellationToken).ConfigureAwait(false),
            TaskDataKind.Cloud => await _cache.GetAsync([CloudCandidate(value, taskId)], cancellationToken).ConfigureAwait(false),
            TaskDataKind.StorageProxy => await _cache.GetAsync([StorageProxyCandidate(value)], cancellationToken).ConfigureAwait(false),
            TaskDataKind.Url => await _cache.GetAsync([new DownloadCandidate(value, value, CacheFileNames.BaseName(value))], cancellationToken).ConfigureAwait(false),
            TaskDataKind.LocalPath => CheckedLocalPath(value),
            _ => throw new TaskDataException(
                TaskDataErrorCategory.InvalidInput,
                $"'{UrlRedaction.Redact(url)}' is not something the backend can read: use a Label Studio upload or storage path, " +
                "an s3://, gs:// or azure-blob:// URI, an http(s) URL, a data: URI, or a file in an allowed folder.",
                url),
        };
    }

    /// <summary>
    /// The text <paramref name="task"/> shows in <paramref name="objectTag"/> (a <c>Text</c>, <c>HyperText</c>, …): the
    /// data value itself when it is inline text, or the document it refers to (an upload, a storage file, a URL with
    /// <c>valueType="url"</c>) read as text. A model then accepts both <c>"text": "Hello"</c> and
    /// <c>"text": "/data/upload/1/a.txt"</c>.
    /// </summary>
    /// <exception cref="AnswerException">422: the task lacks the data key (the message names the task and the key).</exception>
    /// <exception cref="TaskDataException">The referenced document cannot be read.</exception>
    public async Task<string> ReadTextAsync(LabelStudioTask task, ObjectTag objectTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(objectTag);
        var value = objectTag.ResolveText(task.Data, task.Id);
        return IsReference(value) ? await ReadTextAsync(value, task.Id, cancellationToken).ConfigureAwait(false) : value;
    }

    /// <summary>Reads the data behind <paramref name="url"/> as text (UTF-8 unless a byte order mark says otherwise).</summary>
    /// <inheritdoc cref="GetLocalPathAsync" path="/param"/>
    /// <exception cref="TaskDataException">The data cannot be read; <see cref="TaskDataException.Category"/> says why.</exception>
    public async Task<string> ReadTextAsync(string url, long? taskId = null, CancellationToken cancellationToken = default)
    {
        var path = await GetLocalPathAsync(url, taskId, cancellationToken).ConfigureAwait(false);
        return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the data behind <paramref name="url"/> as bytes.</summary>
    /// <inheritdoc cref="GetLocalPathAsync" path="/param"/>
    /// <exception cref="TaskDataException">The data cannot be read; <see cref="TaskDataException.Category"/> says why.</exception>
    public async Task<byte[]> ReadBytesAsync(string url, long? taskId = null, CancellationToken cancellationToken = default)
    {
        var path = await GetLocalPathAsync(url, taskId, cancellationToken).ConfigureAwait(false);
        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the data behind <paramref name="url"/> for reading; dispose the stream.</summary>
    /// <inheritdoc cref="GetLocalPathAsync" path="/param"/>
    /// <exception cref="TaskDataException">The data cannot be read; <see cref="TaskDataException.Category"/> says why.</exception>
    public async Task<Stream> OpenReadAsync(string url, long? taskId = null, CancellationToken cancellationToken = default)
    {
        var path = await GetLocalPathAsync(url, taskId, cancellationToken).ConfigureAwait(false);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
    }

    /// <summary>
    /// Returns a copy of the task's <c>data</c> in which every value that refers to media (uploads, storage files,
    /// cloud URIs, http(s) URLs, <c>data:</c> URIs, existing files in allowed folders), at any depth, is replaced by
    /// the file's text (<paramref name="readFile"/>) or its local path (SPEC §8.7). Other values are kept.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="readFile">Replace with the file's text (default) rather than its local path.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TaskDataException">A referenced file cannot be read.</exception>
    public async Task<JsonObject> PreloadTaskDataAsync(LabelStudioTask task, bool readFile = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return (JsonObject)(await PreloadAsync(task.Data, task.Id, readFile, cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<JsonNode?> PreloadAsync(JsonNode? node, long? taskId, bool readFile, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, member) in obj)
                {
                    copy[key] = await PreloadAsync(member, taskId, readFile, cancellationToken).ConfigureAwait(false);
                }

                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(await PreloadAsync(item, taskId, readFile, cancellationToken).ConfigureAwait(false));
                }

                return items;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && IsReference(value.GetValue<string>()):
                var text = value.GetValue<string>();
                return readFile
                    ? await ReadTextAsync(text, taskId, cancellationToken).ConfigureAwait(false)
                    : await GetLocalPathAsync(text, taskId, cancellationToken).ConfigureAwait(false);
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> refers to a file (what <see cref="PreloadTaskDataAsync"/> replaces) rather than
    /// being inline data: an upload, a storage or cloud reference, an http(s) URL, a <c>data:</c> URI, or an existing
    /// file in an allowed folder. Lets a model accept both <c>"text": "Hello"</c> and <c>"text": "/data/upload/1/a.txt"</c>.
    /// </summary>
    /// <param name="text">A task data value.</param>
    public bool IsReference(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = TaskDataClassifier.Normalize(text.Trim());
        var kind = TaskDataClassifier.Classify(value);
        if (kind != TaskDataKind.LocalPath)
        {
            return TaskDataClassifier.NeedsPreload(kind, value);
        }

        // An existing file is replaced only inside the allowed folders; any other path stays the text it is.
        var path = LocalPathOf(value);
        return File.Exists(path) && LocalPaths.IsAllowed(path, LocalPaths.AllowedRoots(_options, _cache.Directory));
    }

    private IReadOnlyList<DownloadCandidate> UploadCandidates(string value, string original)
    {
        var baseUri = LabelStudioAddress.Require(_options, "an upload on Label Studio", original);
        var key = value.TrimStart('/');
        key = key.StartsWith("data/", StringComparison.Ordinal) ? key["data/".Length..] : key;
        RefuseClimbing(key, original);
        var proxy = LabelStudioAddress.Join(baseUri, $"/storage-data/uploaded/?filepath={key}");
        var legacy = LabelStudioAddress.Join(baseUri, $"/data/{key}");
        return [new DownloadCandidate(proxy, proxy, CacheFileNames.BaseName(key)), new DownloadCandidate(legacy, legacy, CacheFileNames.BaseName(legacy))];
    }

    private Task<string> FromLocalStorageAsync(string value, string original, CancellationToken cancellationToken)
    {
        var relative = value[(value.IndexOf("?d=", StringComparison.Ordinal) + 3)..];
        var decoded = Uri.UnescapeDataString(relative);
        RefuseClimbing(decoded, original);
        if (!string.IsNullOrWhiteSpace(_options.LocalFilesDocumentRoot))
        {
            var root = Path.GetFullPath(_options.LocalFilesDocumentRoot);
            var onDisk = Path.GetFullPath(Path.Combine(root, decoded.TrimStart('/', '\\')));
            if (LocalPaths.IsAllowed(onDisk, [root]) && File.Exists(onDisk))
            {
                return Task.FromResult(onDisk);
            }
        }

        var baseUri = LabelStudioAddress.Require(_options, "a file in Label Studio's local-files storage", original);
        var download = LabelStudioAddress.Join(baseUri, value);
        return _cache.GetAsync([new DownloadCandidate(download, download, CacheFileNames.BaseName(relative))], cancellationToken);
    }

    private DownloadCandidate CloudCandidate(string value, long? taskId)
    {
        if (taskId is not { } id)
        {
            throw new TaskDataException(
                TaskDataErrorCategory.InvalidInput,
                $"Label Studio Task ID is required for cloud storage files: {UrlRedaction.Redact(value)} can only be read through the task's presign " +
                "endpoint; pass the task's id (task.Id) to TaskData.",
                value);
        }

        var baseUri = LabelStudioAddress.Require(_options, "a cloud storage file that Label Studio presigns", value);
        var fileUri = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).Replace('+', '-').Replace('/', '_');
        var presign = LabelStudioAddress.Join(baseUri, $"/tasks/{id}/presign/?fileuri={fileUri}");
        return new DownloadCandidate(presign, value, CacheFileNames.BaseName(value));
    }

    private DownloadCandidate StorageProxyCandidate(string value)
    {
        var baseUri = LabelStudioAddress.Require(_options, "a file behind Label Studio's storage proxy", value);
        var url = LabelStudioAddress.Join(baseUri, value);
        var marker = value.IndexOf("filepath=", StringComparison.Ordinal);
        var key = marker < 0 ? value : value[(marker + "filepath=".Length)..].Split('&')[0];
        RefuseClimbing(Uri.UnescapeDataString(key), value);
        return new DownloadCandidate(url, url, CacheFileNames.BaseName(key));
    }

    private async Task<string> FromDataUriAsync(string value, CancellationToken cancellationToken)
    {
        var data = DataUri.Parse(value);
        if (data.Bytes.Length > _options.MaxFileSize)
        {
            throw LabelStudioHttp.TooLarge("data: URI", _options.MaxFileSize);
        }

        var candidate = new DownloadCandidate(value, value, "data" + data.Extension);
        return await _cache.GetOrWriteAsync(candidate, (stream, token) => stream.WriteAsync(data.Bytes, token).AsTask(), cancellationToken)
            .ConfigureAwait(false);
    }

    private string CheckedLocalPath(string value)
    {
        var path = LocalPathOf(value);
        var roots = LocalPaths.AllowedRoots(_options, _cache.Directory);
        if (!LocalPaths.IsAllowed(path, roots))
        {
            throw new TaskDataException(
                TaskDataErrorCategory.Refused,
                $"'{value}' is a local path outside the folders task data may read ({string.Join(", ", roots)}): " +
                "add its folder to TASK_DATA_ALLOWED_ROOTS (or LOCAL_FILES_DOCUMENT_ROOT), or import the file into Label Studio.",
                value);
        }

        return File.Exists(path)
            ? path
            : throw new TaskDataException(
                TaskDataErrorCategory.NotFound,
                $"'{value}' does not exist on this machine: check the path, or that the folder is mounted into the backend's container.",
                value);
    }

    private static string LocalPathOf(string value) =>
        Path.GetFullPath(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : value);

    private static void RefuseClimbing(string relativePath, string url)
    {
        if (LocalPaths.ClimbsOut(relativePath))
        {
            throw new TaskDataException(
                TaskDataErrorCategory.Refused,
                $"'{UrlRedaction.Redact(url)}' climbs out of its folder with '..', which task data may not do: fix the task's data to name the file directly.",
                url);
        }
    }
}
