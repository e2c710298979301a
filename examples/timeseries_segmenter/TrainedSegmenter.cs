using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace TimeseriesSegmenter;

/// <summary>
/// A loaded model version. Predicting runs <see cref="ITransformer.Transform"/> over all rows of a series at once,
/// which is safe from several threads (unlike ML.NET's PredictionEngine), so requests share one instance.
/// </summary>
internal sealed class TrainedSegmenter
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private TrainedSegmenter(MLContext ml, ITransformer model, SegmenterMetadata metadata, IReadOnlyList<string> classes)
    {
        _ml = ml;
        _model = model;
        Metadata = metadata;
        Classes = classes;
    }

    /// <summary>The channels and window the model was trained with.</summary>
    public SegmenterMetadata Metadata { get; }

    /// <summary>The class names (labels and <see cref="SegmenterTrainer.Background"/>), in the order of each row's probabilities.</summary>
    public IReadOnlyList<string> Classes { get; }

    public static TrainedSegmenter Load(string directory)
    {
        var metadata = JsonSerializer.Deserialize<SegmenterMetadata>(File.ReadAllText(Path.Combine(directory, SegmenterTrainer.MetadataFile)))
            ?? throw new InvalidDataException($"{SegmenterTrainer.MetadataFile} in {directory} is empty.");
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(Path.Combine(directory, SegmenterTrainer.ModelFile), out _);
        var featureCount = WindowFeatures.Count(metadata.Channels.Count, metadata.Window);
        var probe = model.Transform(ml.Data.LoadFromEnumerable([new SegmentRow { Features = new float[featureCount] }], SegmentRow.Schema(featureCount)));
        VBuffer<ReadOnlyMemory<char>> names = default;
        probe.Schema["Score"].GetSlotNames(ref names);
        return new TrainedSegmenter(ml, model, metadata, [.. names.DenseValues().Select(name => name.ToString())]);
    }

    /// <summary>The probability of each of <see cref="Classes"/> for each row of <paramref name="table"/>.</summary>
    public float[][] Predict(SeriesTable table)
    {
        var features = WindowFeatures.Compute(table, Metadata.Window);
        var featureCount = WindowFeatures.Count(Metadata.Channels.Count, Metadata.Window);
        var rows = _ml.Data.LoadFromEnumerable(features.Select(vector => new SegmentRow { Features = vector }), SegmentRow.Schema(featureCount));
        return [.. _ml.Data.CreateEnumerable<ScoreRow>(_model.Transform(rows), reuseRowObject: false).Select(row => row.Score)];
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
