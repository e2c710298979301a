using LabelStudio.ML.Examples.Llm;
using LLama;
using LLama.Abstractions;
using LLama.Common;
using Microsoft.Extensions.AI;

namespace HuggingFaceLlm;

/// <summary>
/// A GGUF model of the user's (<c>GGUF_MODEL_PATH</c>) run in-process by LLamaSharp on the CPU, loaded once on first
/// use and served as an <see cref="IChatClient"/> over a stateless executor (every task starts from a clean context).
/// </summary>
public sealed class LocalGgufModel(ILogger<LocalGgufModel> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private LLamaWeights? _weights;
    private IChatClient? _client;

    /// <summary>The loaded model as a chat client.</summary>
    /// <exception cref="LlmConfigurationException">The path is missing, or the file is not a model llama.cpp can load.</exception>
    public IChatClient Client(GenerationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_gate)
        {
            return _client ??= Load(settings);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _client?.Dispose();
        _weights?.Dispose();
    }

    private IChatClient Load(GenerationSettings settings)
    {
        var path = settings.GgufModelPath ?? throw new LlmConfigurationException("GGUF_MODEL_PATH is not set.");
        if (!File.Exists(path))
        {
            throw new LlmConfigurationException($"GGUF_MODEL_PATH is '{path}', which does not exist; mount the model file there or unset it to use OPENAI_BASE_URL.");
        }

        var parameters = new ModelParams(path)
        {
            ContextSize = settings.ContextSize,
            GpuLayerCount = 0,
            Threads = Math.Max(1, Environment.ProcessorCount),
        };
        try
        {
            logger.LogInformation("Loading the GGUF model {Path}", path);
            _weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new LlmConfigurationException($"GGUF_MODEL_PATH '{path}' could not be loaded as a GGUF model ({ex.GetType().Name}: {ex.Message}).", ex);
        }

        var executor = new StatelessExecutor(_weights, parameters);
        return ((ILLamaExecutor)executor).AsChatClient(new PlainTextHistory());
    }
}
