namespace LabelStudio.ML;

/// <summary>Recognises what a task data value refers to (SPEC §8.1, §8.7).</summary>
internal static class TaskDataClassifier
{
    private static readonly string[] CloudSchemes = ["s3:", "gs:", "azure-blob:", "azure-spi:"];

    /// <summary><c>upload/…</c> and <c>/upload/…</c> become <c>/data/upload/…</c>.</summary>
    public static string Normalize(string value) =>
        value.StartsWith("upload", StringComparison.Ordinal) ? "/data/" + value
        : value.StartsWith("/upload", StringComparison.Ordinal) ? "/data" + value
        : value;

    /// <summary>The kind of <paramref name="value"/>, already normalized.</summary>
    public static TaskDataKind Classify(string value)
    {
        if (value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return TaskDataKind.DataUri;
        }

        if (value.StartsWith("/data/upload", StringComparison.Ordinal))
        {
            return TaskDataKind.Upload;
        }

        if (value.StartsWith("/data/", StringComparison.Ordinal) && value.Contains("?d=", StringComparison.Ordinal))
        {
            return TaskDataKind.LocalStorage;
        }

        if (CloudSchemes.Any(scheme => value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)))
        {
            return TaskDataKind.Cloud;
        }

        if (value.StartsWith("/storage-data/uploaded", StringComparison.Ordinal))
        {
            return TaskDataKind.StorageProxy;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            {
                return TaskDataKind.Url;
            }

            if (uri.IsFile)
            {
                return TaskDataKind.LocalPath;
            }
        }

        return Path.IsPathFullyQualified(value) ? TaskDataKind.LocalPath : TaskDataKind.Unsupported;
    }

    /// <summary>
    /// Whether <see cref="TaskData.PreloadTaskDataAsync"/> replaces the value (SPEC §8.7): <c>data:</c> URIs, and
    /// uploads, local-files and cloud references and http(s) URLs written without white space (so that ordinary text
    /// starting with "upload" stays text). Local paths are decided by the caller (existing files in allowed folders).
    /// </summary>
    public static bool NeedsPreload(TaskDataKind kind, string value) => kind switch
    {
        TaskDataKind.DataUri => true,
        TaskDataKind.Upload or TaskDataKind.LocalStorage or TaskDataKind.Cloud or TaskDataKind.Url => !value.Any(char.IsWhiteSpace),
        _ => false,
    };
}
