using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TimeseriesSegmenter;

/// <summary>
/// One annotated task kept for training: the task (its id and data, so its CSV can be read again) and the labelled
/// ranges of its annotation.
/// </summary>
internal sealed record LabeledSeries(
    [property: JsonPropertyName("annotation")] string AnnotationId,
    [property: JsonPropertyName("task")] JsonObject Task,
    [property: JsonPropertyName("ranges")] IReadOnlyList<LabeledRange> Ranges);

/// <summary>A range of the time column (inclusive; start = end for an instant) and its label.</summary>
internal sealed record LabeledRange(
    [property: JsonPropertyName("start")] double Start,
    [property: JsonPropertyName("end")] double End,
    [property: JsonPropertyName("label")] string Label);
