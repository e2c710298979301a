namespace LabelStudio.ML;

/// <summary>The keys the SDK itself keeps in a project's state (SPEC §4.4); any other key is the model's.</summary>
public static class StateKeys
{
    /// <summary>The project's label config XML as Label Studio last sent it.</summary>
    public const string LabelConfig = "label_config";

    /// <summary>JSON text of the parsed label config (the original's <c>parsed_label_config</c>).</summary>
    public const string ParsedLabelConfig = "parsed_label_config";

    /// <summary>The model version reported by <c>/setup</c> and stamped onto predictions.</summary>
    public const string ModelVersion = "model_version";

    /// <summary>The "extra params" text of the backend's settings in Label Studio.</summary>
    public const string ExtraParams = "extra_params";
}
