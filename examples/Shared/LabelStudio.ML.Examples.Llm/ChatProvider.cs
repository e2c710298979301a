namespace LabelStudio.ML.Examples.Llm;

/// <summary>Which kind of chat-completions server answers: all speak the OpenAI wire format, they differ in addressing and auth.</summary>
public enum ChatProvider
{
    /// <summary>OpenAI itself, or any OpenAI-compatible server named by <c>OPENAI_BASE_URL</c> (vLLM, llama.cpp server, LM Studio).</summary>
    OpenAI,

    /// <summary>Azure OpenAI: <c>{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…</c> with an <c>api-key</c> header.</summary>
    Azure,

    /// <summary>Ollama's OpenAI-compatible endpoint (<c>OLLAMA_ENDPOINT</c>, e.g. <c>http://localhost:11434/v1</c>); no key.</summary>
    Ollama,
}
