using System.Text;
using LabelStudio.ML.Examples.Llm;
using Microsoft.Extensions.AI;

namespace HuggingFaceLlm;

/// <summary>
/// Continues a text through one <see cref="IChatClient"/> code path, whichever model answers: the local GGUF model
/// when <c>GGUF_MODEL_PATH</c> is set, else the OpenAI-compatible server (<c>OPENAI_BASE_URL</c>, <c>MODEL_NAME</c>).
/// The answer is streamed and joined.
/// </summary>
public sealed class TextGenerator(ChatClientFactory clients, LocalGgufModel local, IConfiguration configuration)
{
    /// <summary>What a chat server is told; a local model reads the text alone (see <see cref="PlainTextHistory"/>).</summary>
    internal const string Instruction = "Continue the text the user sends. Reply with the continuation only, without repeating the text.";

    /// <summary>The continuation of <paramref name="text"/> (the text itself cut off when the model repeats it).</summary>
    /// <exception cref="LlmConfigurationException">The generator is not configured (the message names the variable).</exception>
    public async Task<string> ContinueAsync(string text, CancellationToken cancellationToken)
    {
        var settings = GenerationSettings.FromConfiguration(configuration);
        var client = settings.GgufModelPath is null
            ? clients.Get(ChatProviderSettings.FromConfiguration(configuration, "MODEL_NAME", "facebook/opt-125m"))
            : local.Client(settings);
        var options = new ChatOptions { MaxOutputTokens = settings.MaxLength };
        var generated = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.System, Instruction), new ChatMessage(ChatRole.User, text)], options, cancellationToken))
        {
            generated.Append(update.Text);
        }

        var continuation = generated.ToString();
        // The original's pipeline returns prompt + continuation and cuts the prompt off; some servers echo it too.
        if (continuation.StartsWith(text, StringComparison.Ordinal))
        {
            continuation = continuation[text.Length..];
        }

        return continuation.Trim();
    }

    /// <summary>Where the text goes, for messages (never with a key).</summary>
    public string Describe()
    {
        var settings = GenerationSettings.FromConfiguration(configuration);
        return settings.GgufModelPath is { } path
            ? $"the local model {Path.GetFileName(path)}"
            : $"the text generator ({ChatProviderSettings.FromConfiguration(configuration, "MODEL_NAME", "facebook/opt-125m")})";
    }
}
