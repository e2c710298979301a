using LabelStudio.ML;
using LabelStudio.ML.Examples.Vision;

namespace SegmentAnything;

/// <summary>
/// Interactive segmentation: the labeler clicks an object (smart KeyPointLabels; Alt-click for a point off it) or
/// draws a box around it (smart RectangleLabels), and the object's mask comes back as one BrushLabels region with
/// the label they picked. A Segment Anything ONNX export (SAM, MobileSAM) does the segmenting when configured, with
/// the image's embedding cached so that further clicks on the same image skip the encoder; otherwise GrabCut.
/// </summary>
public sealed class SegmentAnythingModel(IPromptSegmenter segmenter, TaskImageLoader images) : LabelStudioModel
{
    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken) =>
        await InteractiveSegmentation.PredictAsync(this, request, segmenter, images, cancellationToken);
}
