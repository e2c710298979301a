using LabelStudio.ML.Examples.Text;
using LabelStudio.ML.Examples.Vision;

namespace Yolo;

/// <summary>What every sub-model shares: image loading, the cascades, the loaded ONNX models, ResNet18 and the trained heads. A singleton.</summary>
public sealed class YoloRuntime(
    YoloSettings settings,
    TaskImageLoader images,
    CascadeDetector cascades,
    YoloModelCache models,
    Lazy<ResNetFeaturizer> features,
    ArtifactCache<SoftmaxHead> heads)
{
    /// <summary>The environment's settings.</summary>
    public YoloSettings Settings => settings;

    /// <summary>Loads task images.</summary>
    public TaskImageLoader Images => images;

    /// <summary>The offline detector.</summary>
    public CascadeDetector Cascades => cascades;

    /// <summary>The user's YOLO models.</summary>
    public YoloModelCache Models => models;

    /// <summary>The offline image featurizer (loaded on first use).</summary>
    public ResNetFeaturizer Features => features.Value;

    /// <summary>Trained heads by version folder.</summary>
    public ArtifactCache<SoftmaxHead> Heads => heads;
}

/// <summary>One control's share of a prediction request.</summary>
/// <param name="Control">The control.</param>
/// <param name="Media">The task and its media.</param>
/// <param name="Config">The label config.</param>
/// <param name="VersionDirectory">The current model version's folder (trained heads), if any.</param>
/// <param name="Context">The interactive context's regions (empty for pre-annotation).</param>
public sealed record ControlRequest(YoloControl Control, TaskMedia Media, LabelConfig Config, string? VersionDirectory, IReadOnlyList<System.Text.Json.Nodes.JsonObject> Context)
{
    /// <summary>The trained head of this control in the current version, if there is one.</summary>
    /// <returns>The head, or <see langword="null"/>.</returns>
    public SoftmaxHead? Head(YoloRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (VersionDirectory is null)
        {
            return null;
        }

        var file = Path.Combine(VersionDirectory, HeadFile(Control.Control.Name));
        return File.Exists(file) ? runtime.Heads.Get(file, SoftmaxHead.Load) : null;
    }

    /// <summary>The file a control's head is saved in, inside a version folder.</summary>
    /// <returns>The file name.</returns>
    public static string HeadFile(string controlName) => $"head-{SafeName(controlName)}.json";

    private static string SafeName(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
