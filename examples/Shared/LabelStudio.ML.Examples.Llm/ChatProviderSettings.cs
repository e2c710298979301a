using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// Where and how to reach a chat model, read from the environment (the original examples' variable names). Records
/// compare by value, so one client is built per distinct setting.
/// </summary>
public sealed record ChatProviderSettings(
    ChatProvider Provider,
    Uri Endpoint,
    string Model,
    string? ApiKey,
    string? AzureApiVersion = null)
{
    /// <summary>OpenAI's own API; a key is required there.</summary>
    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    /// <summary>The Azure API version the original example defaults to.</summary>
    public const string DefaultAzureApiVersion = "2023-05-15";

    /// <summary>
    /// Reads <c>OPENAI_PROVIDER</c> (openai | azure | ollama), <c>OPENAI_API_KEY</c>, <c>OPENAI_BASE_URL</c>, the model
    /// from <paramref name="modelVariable"/>, <c>AZURE_RESOURCE_ENDPOINT</c>, <c>AZURE_DEPLOYMENT_NAME</c>,
    /// <c>AZURE_API_VERSION</c> and <c>OLLAMA_ENDPOINT</c>.
    /// </summary>
    /// <param name="configuration">The backend's configuration (environment variables included).</param>
    /// <param name="modelVariable">The variable naming the model (<c>OPENAI_MODEL</c>, <c>MODEL_NAME</c>).</param>
    /// <param name="defaultModel">The model when the variable is not set.</param>
    /// <param name="modelOverride">A model chosen per project (extra params), winning over the variable.</param>
    /// <exception cref="LlmConfigurationException">A setting is missing or invalid; the message names the variable.</exception>
    public static ChatProviderSettings FromConfiguration(
        IConfiguration configuration, string modelVariable = "OPENAI_MODEL", string defaultModel = "gpt-3.5-turbo", string? modelOverride = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var model = NonEmpty(modelOverride) ?? NonEmpty(configuration[modelVariable]) ?? defaultModel;
        var key = NonEmpty(configuration["OPENAI_API_KEY"]);
        var provider = (NonEmpty(configuration["OPENAI_PROVIDER"]) ?? "openai").ToLowerInvariant();
        switch (provider)
        {
            case "openai":
                var endpoint = SettingValues.Address(configuration, "OPENAI_BASE_URL") ?? OpenAIEndpoint;
                if (key is null && endpoint.Host == OpenAIEndpoint.Host)
                {
                    throw new LlmConfigurationException("OPENAI_API_KEY is not set: OpenAI needs an API key (or set OPENAI_BASE_URL to an OpenAI-compatible server that needs none).");
                }

                // A local OpenAI-compatible server usually wants no key, but the client always sends one.
                return new ChatProviderSettings(ChatProvider.OpenAI, endpoint, model, key ?? "no-key");
            case "azure":
                var resource = SettingValues.Address(configuration, "AZURE_RESOURCE_ENDPOINT")
                    ?? throw new LlmConfigurationException("AZURE_RESOURCE_ENDPOINT is not set: the Azure provider needs the resource's address, e.g. https://my-resource.openai.azure.com.");
                var deployment = NonEmpty(configuration["AZURE_DEPLOYMENT_NAME"])
                    ?? throw new LlmConfigurationException("AZURE_DEPLOYMENT_NAME is not set: the Azure provider needs the name of the model deployment.");
                if (key is null)
                {
                    throw new LlmConfigurationException("OPENAI_API_KEY is not set: the Azure provider sends it as the api-key header.");
                }

                var deploymentPath = $"openai/deployments/{Uri.EscapeDataString(deployment)}";
                return new ChatProviderSettings(
                    ChatProvider.Azure,
                    new Uri(WithSlash(resource), deploymentPath),
                    deployment,
                    key,
                    NonEmpty(configuration["AZURE_API_VERSION"]) ?? DefaultAzureApiVersion);
            case "ollama":
                var ollama = SettingValues.Address(configuration, "OLLAMA_ENDPOINT")
                    ?? throw new LlmConfigurationException("OLLAMA_ENDPOINT is not set: the Ollama provider needs the server's OpenAI-compatible address, e.g. http://localhost:11434/v1.");
                return new ChatProviderSettings(ChatProvider.Ollama, ollama, model, "ollama");
            default:
                throw new LlmConfigurationException($"OPENAI_PROVIDER is '{provider}'; use openai, azure or ollama.");
        }
    }

    /// <summary>The settings without the key, for logs and messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Provider} model '{Model}' at {Endpoint.GetLeftPart(UriPartial.Path)}");

    internal static Uri WithSlash(Uri address) =>
        address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
