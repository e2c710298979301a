using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;

namespace SegmentAnything2Image;

/// <summary>
/// Interactive segmentation with SAM 2: keypoints (positive and Alt-click negative) and at most one box from the
/// smart tools become the prompt, and the best of SAM 2's masks comes back as one BrushLabels region with the
/// picked label and SAM 2's predicted IoU as its score. The SAM 2 ONNX export is the user's (encoder and decoder);
/// without it, GrabCut seeded by the same box and points.
/// </summary>
public sealed class Sam2ImageModel(IPromptSegmenter segmenter, TaskImageLoader images) : LabelStudioModel
{
    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        await InteractiveSegmentation.PredictAsync(this, request, segmenter, images, cancellationToken);
}
