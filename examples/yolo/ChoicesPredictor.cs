using LabelStudio.ML.Examples.Vision;

namespace Yolo;

/// <summary>
/// Image classes for <c>Choices</c>: a YOLO classify model, or offline a softmax head over ResNet18 features trained
/// from the project's annotations (nothing until it is trained). With <c>choice="single"</c> (the default) the most
/// probable mapped class is chosen when it reaches the threshold; with <c>choice="multiple"</c> every mapped class
/// that reaches it. The region's score is the mean probability of the chosen classes.
/// </summary>
public static class ChoicesPredictor
{
    /// <summary>The choices of one task.</summary>
    /// <returns>The regions (one <c>choices</c> region, or none).</returns>
    public static async Task<IReadOnlyList<Region>> PredictAsync(ControlRequest request, YoloRuntime runtime, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runtime);
        var control = request.Control;
        IReadOnlyList<string> classes;
        double[] probabilities;
        if (control.ModelPath is { } path)
        {
            var model = runtime.Models.Get(path, YoloTask.Classify, control, request.Media.Task);
            var image = await request.Media.ImageAsync(control.Tag.ToName, cancellationToken).ConfigureAwait(false);
            classes = model.Names;
            probabilities = [.. model.Classify(image.Pixels).Select(p => (double)p)];
        }
        else if (request.Head(runtime) is { } head)
        {
            var image = await request.Media.ImageAsync(control.Tag.ToName, cancellationToken).ConfigureAwait(false);
            classes = head.Labels;
            probabilities = head.Probabilities(runtime.Features.Features(image.Pixels));
        }
        else
        {
            return [];
        }

        return Choose(request.Config, control, classes, probabilities) is { } region ? [region] : [];
    }

    /// <summary>The <c>choices</c> region for class probabilities, as the control's <c>choice</c> mode and threshold pick them.</summary>
    /// <returns>The region, or <see langword="null"/> when no mapped class reaches the threshold.</returns>
    public static Region? Choose(LabelConfig config, YoloControl control, IReadOnlyList<string> classes, IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(probabilities);
        var labels = ModelLabelMap.For(config, control.Control.Name, classes);
        var mapped = Enumerable.Range(0, classes.Count)
            .Where(k => labels.TryGetLabel(classes[k], out _))
            .OrderByDescending(k => probabilities[k])
            .ToList();
        var multiple = control.Control.Attributes.GetValueOrDefault("choice") == "multiple";
        var chosen = (multiple ? mapped.Where(k => probabilities[k] >= control.Threshold) : mapped.Take(1).Where(k => probabilities[k] >= control.Threshold)).ToList();
        if (chosen.Count == 0)
        {
            return null;
        }

        var names = chosen.Select(k => labels.TryGetLabel(classes[k], out var label) ? label : classes[k]).Distinct(StringComparer.Ordinal).ToList();
        var score = chosen.Average(k => probabilities[k]);
        return Region.Choices(control.Tag, names).WithScore(score);
    }
}
