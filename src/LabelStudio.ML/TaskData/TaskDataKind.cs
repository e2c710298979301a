namespace LabelStudio.ML;

/// <summary>What a task data value refers to (SPEC §8.1), in the order it is recognised.</summary>
internal enum TaskDataKind
{
    /// <summary>Inline data in a <c>data:</c> URI.</summary>
    DataUri,

    /// <summary>A Label Studio upload: <c>/data/upload/…</c> (or <c>upload/…</c>).</summary>
    Upload,

    /// <summary>A local-files storage file: <c>/data/…?d=…</c>.</summary>
    LocalStorage,

    /// <summary>A cloud storage URI (<c>s3://</c>, <c>gs://</c>, <c>azure-blob://</c>, <c>azure-spi://</c>), presigned by Label Studio.</summary>
    Cloud,

    /// <summary>Label Studio's storage proxy: <c>/storage-data/uploaded/?filepath=…</c>.</summary>
    StorageProxy,

    /// <summary>An absolute <c>http(s)</c> URL.</summary>
    Url,

    /// <summary>A path on this machine (or a <c>file://</c> URL).</summary>
    LocalPath,

    /// <summary>Nothing the backend can read.</summary>
    Unsupported,
}
