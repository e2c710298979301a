namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// A user-supplied <see cref="OnnxModelFolder"/> named by an environment variable, loaded once on first use; absent
/// when the variable is not set. Each example that lets users plug in their own BERT-style ONNX model holds one.
/// </summary>
/// <param name="directory">The folder, or <see langword="null"/> when <paramref name="settingName"/> is not set.</param>
/// <param name="settingName">The environment variable that names the folder, for error messages.</param>
public sealed class UserOnnxModel(string? directory, string settingName) : IDisposable
{
    private readonly Lazy<OnnxModelFolder?> _folder = new(() => directory is null ? null : OnnxModelFolder.Load(directory));

    /// <summary>Whether a model is configured.</summary>
    public bool IsConfigured => directory is not null;

    /// <summary>The loaded model (loads it the first time).</summary>
    public OnnxModelFolder Folder => _folder.Value ?? throw new InvalidOperationException($"{settingName} is not set.");

    /// <summary>Encodes <paramref name="texts"/> with the model's tokenizer and runs them in one call.</summary>
    public (List<EncodedText> Encoded, float[] Values, int[] Dimensions) Run(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var folder = Folder;
        var encoded = texts.Select(text => folder.Tokenizer.Encode(text, folder.MaxTokens)).ToList();
        var (values, dimensions) = folder.Run(encoded);
        return (encoded, values, dimensions);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_folder.IsValueCreated)
        {
            _folder.Value?.Dispose();
        }
    }
}
