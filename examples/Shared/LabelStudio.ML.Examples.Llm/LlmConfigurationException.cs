namespace LabelStudio.ML.Examples.Llm;

/// <summary>A provider setting is missing or wrong; the message names the environment variable to fix.</summary>
public sealed class LlmConfigurationException : Exception
{
    /// <summary>Creates the exception with a message naming the variable.</summary>
    public LlmConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LlmConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public LlmConfigurationException()
        : base("The LLM provider is not configured.")
    {
    }
}
