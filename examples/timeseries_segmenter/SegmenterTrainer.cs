using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace TimeseriesSegmenter;

/// <summary>
/// Trains the per-row classifier: LightGBM multiclass (gradient-boosted trees, ML.NET) over <see cref="WindowFeatures"/>,
/// with <see cref="Background"/> as the class of every row outside the labelled ranges and rows weighted by the inverse
/// frequency of their class, so short segments count as much as the long background.
/// </summary>
internal static class SegmenterTrainer
{
    /// <summary>The class of rows no range covers (as the original's class 0).</summary>
    public const string Background = "__background__";

    /// <summary>The ML.NET model a version holds.</summary>
    public const string ModelFile = "model.zip";

    /// <summary>What the model was trained on: <see cref="SegmenterMetadata"/> as JSON.</summary>
    public const string MetadataFile = "segmenter.json";

    /// <summary>Trains on the rows of <paramref name="series"/> and saves the model and its metadata to <paramref name="directory"/>.</summary>
    /// <param name="series">Each annotated series with the label of each of its rows.</param>
    /// <param name="metadata">The channels and window the features were computed with.</param>
    /// <param name="iterations">Boosting rounds.</param>
    /// <param name="directory">The draft folder of the new model version.</param>
    public static void TrainAndSave(IReadOnlyList<(SeriesTable Table, string[] Labels)> series, SegmenterMetadata metadata, int iterations, string directory)
    {
        var featureCount = WindowFeatures.Count(metadata.Channels.Count, metadata.Window);
        var rows = new List<SegmentRow>();
        foreach (var (table, labels) in series)
        {
            var features = WindowFeatures.Compute(table, metadata.Window);
            rows.AddRange(features.Select((vector, row) => new SegmentRow { Features = vector, Label = labels[row] }));
        }

        var frequency = rows.GroupBy(row => row.Label, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            row.Weight = (float)rows.Count / (frequency.Count * frequency[row.Label]);
        }

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows, SegmentRow.Schema(featureCount));
        var trainer = ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = nameof(SegmentRow.Features),
            ExampleWeightColumnName = nameof(SegmentRow.Weight),
            NumberOfIterations = iterations,
            NumberOfLeaves = 15,
            MinimumExampleCountPerLeaf = 5,
            LearningRate = 0.1,
            Seed = 1,
            // One thread keeps training deterministic, and small series train in well under a second anyway.
            NumberOfThreads = 1,
            Silent = true,
        });
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(trainer).Fit(data);
        ml.Model.Save(model, data.Schema, Path.Combine(directory, ModelFile));
        File.WriteAllText(Path.Combine(directory, MetadataFile), JsonSerializer.Serialize(metadata));
    }
}

/// <summary>The channels and window a model version's features were computed with.</summary>
/// <param name="Channels">The Channel columns, in the order the features use them.</param>
/// <param name="Window">Rows on each side of a row that its widest window covers.</param>
internal sealed record SegmenterMetadata(IReadOnlyList<string> Channels, int Window);

/// <summary>The row the pipeline reads: the features and, when training, the class and its weight.</summary>
internal sealed class SegmentRow
{
    public float[] Features { get; set; } = [];

    public string Label { get; set; } = SegmenterTrainer.Background;

    public float Weight { get; set; } = 1;

    /// <summary>The schema with the feature vector's length fixed, as ML.NET's trainers need it.</summary>
    public static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(SegmentRow));
        schema[nameof(Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }
}
