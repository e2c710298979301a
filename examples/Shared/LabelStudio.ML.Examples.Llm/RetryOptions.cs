using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// How calls to a provider are retried: up to <see cref="MaxRetries"/> more attempts after a 429, a 5xx, a timeout or
/// a failed connection, waiting <c>Retry-After</c> when the provider says so, else <see cref="BaseDelay"/> doubled per
/// attempt, never more than <see cref="MaxDelay"/>; each attempt gets <see cref="AttemptTimeout"/> to answer.
/// </summary>
public sealed record RetryOptions(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan AttemptTimeout)
{
    /// <summary>3 retries from 500 ms, at most 30 s apart, 60 s per attempt.</summary>
    public static RetryOptions Default { get; } = new(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>Reads <c>LLM_MAX_RETRIES</c>, <c>LLM_RETRY_DELAY_MS</c>, <c>LLM_RETRY_MAX_DELAY_MS</c> and <c>LLM_TIMEOUT_SECONDS</c>.</summary>
    /// <exception cref="LlmConfigurationException">A value is not a number in range.</exception>
    public static RetryOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new RetryOptions(
            SettingValues.Whole(configuration["LLM_MAX_RETRIES"], "LLM_MAX_RETRIES", Default.MaxRetries, 0, 20),
            TimeSpan.FromMilliseconds(SettingValues.Number(configuration["LLM_RETRY_DELAY_MS"], "LLM_RETRY_DELAY_MS", Default.BaseDelay.TotalMilliseconds, 0, 600_000)),
            TimeSpan.FromMilliseconds(SettingValues.Number(configuration["LLM_RETRY_MAX_DELAY_MS"], "LLM_RETRY_MAX_DELAY_MS", Default.MaxDelay.TotalMilliseconds, 0, 3_600_000)),
            TimeSpan.FromSeconds(SettingValues.Number(configuration["LLM_TIMEOUT_SECONDS"], "LLM_TIMEOUT_SECONDS", Default.AttemptTimeout.TotalSeconds, 0.001, 3600)));
    }

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based) when the provider named none.</summary>
    public TimeSpan Backoff(int retry)
    {
        var milliseconds = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, MaxDelay.TotalMilliseconds));
    }
}
