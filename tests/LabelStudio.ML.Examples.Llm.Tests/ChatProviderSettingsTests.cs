using Microsoft.Extensions.Configuration;
using Xunit;

namespace LabelStudio.ML.Examples.Llm.Tests;

public sealed class ChatProviderSettingsTests
{
    [Fact]
    public void OpenAI_without_a_key_is_refused_naming_the_variable()
    {
        var failure = Assert.Throws<LlmConfigurationException>(() => ChatProviderSettings.FromConfiguration(Settings(new() { ["OPENAI_MODEL"] = "gpt-4o" })));

        Assert.StartsWith("OPENAI_API_KEY is not set", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_OpenAI_compatible_server_needs_no_key()
    {
        var settings = ChatProviderSettings.FromConfiguration(Settings(new() { ["OPENAI_BASE_URL"] = "http://localhost:8000/v1", ["MODEL_NAME"] = "facebook/opt-125m" }), "MODEL_NAME", "x");

        Assert.Equal(new ChatProviderSettings(ChatProvider.OpenAI, new Uri("http://localhost:8000/v1"), "facebook/opt-125m", "no-key"), settings);
    }

    [Fact]
    public void Azure_addresses_the_deployment_and_keeps_the_api_version()
    {
        var settings = ChatProviderSettings.FromConfiguration(Settings(new()
        {
            ["OPENAI_PROVIDER"] = "azure",
            ["OPENAI_API_KEY"] = "azure-key",
            ["AZURE_RESOURCE_ENDPOINT"] = "https://res.openai.azure.com",
            ["AZURE_DEPLOYMENT_NAME"] = "gpt4o-prod",
        }));

        Assert.Equal(new Uri("https://res.openai.azure.com/openai/deployments/gpt4o-prod"), settings.Endpoint);
        Assert.Equal("2023-05-15", settings.AzureApiVersion);
        Assert.Equal("gpt4o-prod", settings.Model);
        Assert.DoesNotContain("azure-key", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ollama", "OLLAMA_ENDPOINT is not set")]
    [InlineData("anthropic", "OPENAI_PROVIDER is 'anthropic'; use openai, azure or ollama.")]
    public void A_missing_or_unknown_provider_setting_is_named(string provider, string message)
    {
        var failure = Assert.Throws<LlmConfigurationException>(() => ChatProviderSettings.FromConfiguration(Settings(new() { ["OPENAI_PROVIDER"] = provider })));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
