using Microsoft.Extensions.Options;

namespace LabelStudio.ML;

/// <summary>Stops the server at start-up, with a message naming the variable, when a setting cannot work.</summary>
internal sealed class LabelStudioMLOptionsValidator : IValidateOptions<LabelStudioMLOptions>
{
    public ValidateOptionsResult Validate(string? name, LabelStudioMLOptions options)
    {
        List<string> failures = [];
        var cacheType = options.CacheType.ToLowerInvariant();
        if (cacheType is not (StoreSelection.Sqlite or StoreSelection.Redis))
        {
            failures.Add($"CACHE_TYPE must be 'sqlite' or 'redis', got '{options.CacheType}'.");
        }
        else if (cacheType == StoreSelection.Redis
            && !(Uri.TryCreate(options.RedisUrl, UriKind.Absolute, out var redis) && redis.Scheme is "redis" or "rediss" && redis.Host.Length > 0))
        {
            failures.Add($"CACHE_TYPE=redis needs REDIS_URL as redis://[:password@]host[:port][/db] (rediss:// for TLS), got '{options.RedisUrl}'.");
        }

        if (LogLevels.TryParse(options.LogLevel) is null)
        {
            failures.Add($"LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got '{options.LogLevel}'.");
        }

        if (options.BasicAuthUser is { Length: > 0 } != options.BasicAuthPass is { Length: > 0 })
        {
            failures.Add("BASIC_AUTH_USER and BASIC_AUTH_PASS must be set together; basic auth needs both.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"PORT must be from 0 to 65535, got {options.Port}.");
        }

        if (options.MaxRequestBodySize <= 0)
        {
            failures.Add($"MAX_REQUEST_BODY_SIZE must be positive, got {options.MaxRequestBodySize}.");
        }

        if (options.TrainingMaxParallel < 1)
        {
            failures.Add($"TRAINING_MAX_PARALLEL must be at least 1, got {options.TrainingMaxParallel}.");
        }

        if (options.ArtifactVersionsKept < 2)
        {
            failures.Add($"ARTIFACT_VERSIONS_KEPT must be at least 2 (the current version and the one requests may still read), got {options.ArtifactVersionsKept}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
