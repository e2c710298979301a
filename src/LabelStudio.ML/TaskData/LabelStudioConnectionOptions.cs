namespace LabelStudio.ML;

/// <summary>
/// How the backend reaches Label Studio and where task data goes: the Label Studio URL and credential used by
/// <see cref="TaskData"/> and <see cref="LabelStudioClient"/>, TLS verification, the local-files root, and the
/// download cache. Read from the environment variables the original SDK reads; set in code through
/// <c>services.Configure&lt;LabelStudioConnectionOptions&gt;(…)</c>, which wins.
/// </summary>
public sealed class LabelStudioConnectionOptions
{
    /// <summary>The default largest file a download may bring: 1 GiB.</summary>
    public const long DefaultMaxFileSize = 1L << 30;

    /// <summary>The default time one download (or API call) may take: 100 seconds, Label Studio's predict budget.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>
    /// <c>LABEL_STUDIO_URL</c> (else <c>LABEL_STUDIO_HOST</c>): Label Studio's base URL, e.g. <c>http://192.168.1.10:8080</c>.
    /// Needed for uploads, local-files storage and cloud storage. Kept as written; a value without <c>http://</c> or
    /// <c>https://</c> makes those downloads fail with a message saying so.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>
    /// <c>LABEL_STUDIO_API_KEY</c> (else <c>LABEL_STUDIO_ACCESS_TOKEN</c>): a legacy token (sent as <c>Token …</c>) or a
    /// personal access token (a JWT refresh token, exchanged for short-lived <c>Bearer</c> access tokens). The kind is
    /// detected. Sent only to <see cref="Url"/>'s scheme, host and port. Never logged.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// <c>LABEL_STUDIO_VERIFY_SSL</c>, <c>HEARTEX_VERIFY_SSL</c> or <c>VERIFY_SSL</c>: whether TLS certificates are
    /// verified (default <see langword="true"/>). <c>false</c>, <c>no</c>, <c>off</c>, <c>0</c> turn it off.
    /// </summary>
    public bool VerifySsl { get; set; } = true;

    /// <summary>
    /// <c>LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT</c>, <c>HEARTEX_LOCAL_FILES_DOCUMENT_ROOT</c> or
    /// <c>LOCAL_FILES_DOCUMENT_ROOT</c>: when set, <c>/data/local-files/?d=…</c> files found under this folder are read
    /// from disk instead of downloaded from Label Studio. Also an allowed root for local paths in task data.
    /// </summary>
    public string? LocalFilesDocumentRoot { get; set; }

    /// <summary><c>TASK_DATA_CACHE_DIR</c>: where downloads are kept. Default <c>$MODEL_DIR/.cache</c>.</summary>
    public string? CacheDir { get; set; }

    /// <summary><c>TASK_DATA_MAX_FILE_SIZE</c>: the largest file a download may bring, in bytes (default 1 GiB).</summary>
    public long MaxFileSize { get; set; } = DefaultMaxFileSize;

    /// <summary><c>TASK_DATA_TIMEOUT</c> (seconds): the time one download or API call may take, redirects included (default 100 s).</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// <c>TASK_DATA_ALLOW_METADATA_ADDRESSES</c>: whether URLs may reach cloud instance-metadata addresses
    /// (<c>169.254.169.254</c>, <c>fd00:ec2::254</c>). Default <see langword="false"/>: a task must not be able to read
    /// the machine's cloud credentials.
    /// </summary>
    public bool AllowMetadataAddresses { get; set; }

    /// <summary>
    /// <c>TASK_DATA_ALLOWED_ROOTS</c> (separated by the platform's path separator, <c>:</c> on Linux): further folders
    /// whose files task data may name directly as local paths. The cache folder and
    /// <see cref="LocalFilesDocumentRoot"/> are always allowed; nothing else is by default.
    /// </summary>
    public IList<string> AllowedRoots { get; } = [];

    /// <summary>The most redirects one download follows (default 10).</summary>
    public int MaxRedirects { get; set; } = 10;

    /// <summary>
    /// How long the start-up check of <see cref="Url"/> and <see cref="ApiKey"/> may take (default 10 s). It runs in
    /// the background and never delays readiness.
    /// </summary>
    public TimeSpan StartupCheckTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
