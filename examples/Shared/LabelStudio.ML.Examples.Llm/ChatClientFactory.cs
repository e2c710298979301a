using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// One <see cref="IChatClient"/> per distinct <see cref="ChatProviderSettings"/>, built on the OpenAI .NET client
/// (through Microsoft.Extensions.AI.OpenAI) with this backend's retries instead of the SDK's own. A singleton.
/// </summary>
public sealed class ChatClientFactory(ProviderHttp http) : IDisposable
{
    private readonly ConcurrentDictionary<ChatProviderSettings, Lazy<(IChatClient Client, HttpClient Http)>> _clients = new();
    private readonly ConcurrentDictionary<(ChatProviderSettings, int), FunctionInvokingChatClient> _agents = new();

    /// <summary>The client for <paramref name="settings"/>, built on first use.</summary>
    public IChatClient Get(ChatProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return _clients.GetOrAdd(settings, key => new Lazy<(IChatClient, HttpClient)>(() => Create(key))).Value.Client;
    }

    /// <summary>
    /// The client for <paramref name="settings"/> that also runs the tool calls the model asks for (function calling),
    /// at most <paramref name="maxModelCalls"/> model calls per request.
    /// </summary>
    public IChatClient GetWithTools(ChatProviderSettings settings, int maxModelCalls) =>
        _agents.GetOrAdd((settings, maxModelCalls), key => new FunctionInvokingChatClient(Get(key.Item1)) { MaximumIterationsPerRequest = key.Item2 });

    /// <inheritdoc />
    public void Dispose()
    {
        // An agent only wraps a client of _clients, which are disposed below.
        _agents.Clear();
        foreach (var entry in _clients.Values.Where(entry => entry.IsValueCreated))
        {
            entry.Value.Client.Dispose();
            entry.Value.Http.Dispose();
        }
    }

    private (IChatClient, HttpClient) Create(ChatProviderSettings settings)
    {
        var httpClient = http.CreateClient(settings.Provider == ChatProvider.Azure ? new AzureOpenAIHandler(settings.AzureApiVersion ?? ChatProviderSettings.DefaultAzureApiVersion) : null);
        var options = new OpenAIClientOptions
        {
            Endpoint = settings.Endpoint,
            Transport = new HttpClientPipelineTransport(httpClient),
            // RetryHandler retries (and is tested); two retry layers would multiply the attempts.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromHours(1),
        };
        var client = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? "no-key"), options)
            .GetChatClient(settings.Model)
            .AsIChatClient();
        return (client, httpClient);
    }
}
