namespace LabelStudio.ML;

/// <summary>One URL to try for a task data value, and the cache file it lands in (SPEC §8.4).</summary>
/// <param name="Url">The URL requested.</param>
/// <param name="CacheKey">What the cache name hashes: the requested URL, or the cloud URI for cloud storage.</param>
/// <param name="FileName">The base name kept after the hash.</param>
internal sealed record DownloadCandidate(string Url, string CacheKey, string FileName);
