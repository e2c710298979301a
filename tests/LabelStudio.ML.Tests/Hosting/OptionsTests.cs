using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

public sealed class OptionsTests
{
    private static LabelStudioMLOptions Bind(IDictionary<string, string?> environment, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).AddCommandLine(args).Build();
        var options = new LabelStudioMLOptions();
        new LabelStudioMLOptionsSetup(configuration).Configure(options);
        return options;
    }

    [Fact]
    public void Defaults_are_those_of_the_original()
    {
        var options = Bind(new Dictionary<string, string?>());
        Assert.Equal(9090, options.Port);
        Assert.Equal(".", options.ModelDir);
        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal("sqlite", options.CacheType);
        Assert.Equal(100L * 1024 * 1024, options.MaxRequestBodySize);
        Assert.False(options.BasicAuthEnabled);
    }

    [Fact]
    public void Environment_variables_keep_the_original_names_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string?>
        {
            ["PORT"] = "9091", ["MODEL_DIR"] = "/data/models", ["LOG_LEVEL"] = "DEBUG", ["TRAINING_MODE"] = "SYNC",
            ["BASIC_AUTH_USER"] = "u", ["BASIC_AUTH_PASS"] = "p", ["MAX_REQUEST_BODY_SIZE"] = "1048576",
        };
        var fromEnvironment = Bind(environment);
        Assert.Equal(9091, fromEnvironment.Port);
        Assert.Equal("/data/models", fromEnvironment.ModelDir);
        Assert.Equal("DEBUG", fromEnvironment.LogLevel);
        Assert.Equal(TrainingMode.Sync, fromEnvironment.TrainingMode);
        Assert.True(fromEnvironment.BasicAuthEnabled);
        Assert.Equal(1048576, fromEnvironment.MaxRequestBodySize);

        var fromCommandLine = Bind(environment, "--port", "9092", "--model-dir", "/tmp/m", "--log-level", "ERROR");
        Assert.Equal(9092, fromCommandLine.Port);
        Assert.Equal("/tmp/m", fromCommandLine.ModelDir);
        Assert.Equal("ERROR", fromCommandLine.LogLevel);
    }

    [Fact]
    public void Training_settings_are_read_from_their_variables()
    {
        var defaults = Bind(new Dictionary<string, string?>());
        Assert.Equal(TrainingMode.Background, defaults.TrainingMode);
        Assert.Equal(Math.Max(1, Environment.ProcessorCount / 2), defaults.TrainingMaxParallel);
        Assert.True(defaults.RequeueInterruptedJobs);

        var options = Bind(new Dictionary<string, string?>
        {
            ["TRAINING_MODE"] = "background", ["TRAINING_MAX_PARALLEL"] = "3", ["TRAINING_DEBOUNCE_MS"] = "250",
            ["TRAINING_JOB_TIMEOUT_SECONDS"] = "0", ["TRAINING_SHUTDOWN_TIMEOUT_SECONDS"] = "5",
            ["TRAINING_INTERRUPTED_JOBS"] = "fail", ["ARTIFACT_VERSIONS_KEPT"] = "4",
        });
        Assert.Equal(TrainingMode.Background, options.TrainingMode);
        Assert.Equal(3, options.TrainingMaxParallel);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.TrainingDebounce);
        Assert.Equal(TimeSpan.Zero, options.TrainingJobTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), options.TrainingShutdownTimeout);
        Assert.False(options.RequeueInterruptedJobs);
        Assert.Equal(4, options.ArtifactVersionsKept);
    }

    [Theory]
    [InlineData("TRAINING_MAX_PARALLEL", "0", "TRAINING_MAX_PARALLEL must be a whole number from 1")]
    [InlineData("TRAINING_DEBOUNCE_MS", "soon", "TRAINING_DEBOUNCE_MS must be a whole number")]
    [InlineData("TRAINING_INTERRUPTED_JOBS", "retry", "TRAINING_INTERRUPTED_JOBS must be 'requeue' or 'fail'")]
    [InlineData("ARTIFACT_VERSIONS_KEPT", "1", "ARTIFACT_VERSIONS_KEPT must be a whole number from 2")]
    [InlineData("PORT", "ninety", "PORT must be a whole number")]
    [InlineData("PORT", "70000", "PORT must be a whole number")]
    [InlineData("MAX_REQUEST_BODY_SIZE", "-1", "MAX_REQUEST_BODY_SIZE must be a positive number")]
    [InlineData("TRAINING_MODE", "later", "TRAINING_MODE must be")]
    public void Unusable_values_are_refused_naming_the_variable(string name, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new Dictionary<string, string?> { [name] = value }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CACHE_TYPE", "memcached", "CACHE_TYPE must be 'sqlite' or 'redis'")]
    [InlineData("CACHE_TYPE", "redis", "CACHE_TYPE=redis needs REDIS_URL as redis://")]
    [InlineData("LOG_LEVEL", "LOUD", "LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR")]
    [InlineData("BASIC_AUTH_USER", "alone", "BASIC_AUTH_USER and BASIC_AUTH_PASS must be set together")]
    public async Task The_server_does_not_start_with_settings_that_cannot_work(string name, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestBackend.StartAsync<KeywordSentimentModel>(new Dictionary<string, string?> { [name] = value }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_state_file_is_created_in_MODEL_DIR()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        await backend.SetupAsync(Payloads.SentimentConfig);
        Assert.True(File.Exists(Path.Combine(backend.ModelDir, "cache.db")));
    }
}
