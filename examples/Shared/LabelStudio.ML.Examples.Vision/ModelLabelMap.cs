namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Which of a control's labels a model class stands for, as the original backends decide it: a label's
/// <c>predicted_values</c> (comma-separated model class names) first, else a case-insensitive match of the label with
/// a class name. Classes that map to no label are not predicted.
/// </summary>
public sealed class ModelLabelMap
{
    private readonly IReadOnlyDictionary<string, string> _map;

    private ModelLabelMap(IReadOnlyDictionary<string, string> map) => _map = map;

    /// <summary>Whether no class maps to any label (the control then gets no predictions).</summary>
    public bool IsEmpty => _map.Count == 0;

    /// <summary>The model class names that map to a label.</summary>
    public IEnumerable<string> ModelNames => _map.Keys;

    /// <summary>The map of <paramref name="control"/> for a model with classes <paramref name="modelNames"/>.</summary>
    /// <returns>The map.</returns>
    public static ModelLabelMap For(LabelConfig config, string control, IEnumerable<string> modelNames)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ModelLabelMap(config.BuildLabelMapByModelName(control, modelNames));
    }

    /// <summary>The label of model class <paramref name="modelName"/>, if it has one.</summary>
    /// <returns>Whether the class maps to a label.</returns>
    public bool TryGetLabel(string modelName, out string label)
    {
        if (_map.TryGetValue(modelName, out var found))
        {
            label = found;
            return true;
        }

        label = "";
        return false;
    }
}
