using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// A multinomial logistic regression over fixed-size vectors (sentence embeddings, token states): trained with
/// ML.NET's L-BFGS maximum-entropy trainer, then kept as plain weights so that prediction is a matrix product,
/// thread-safe and free of ML.NET's per-call setup. Saved as JSON.
/// </summary>
public sealed class SoftmaxHead
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Creates a head from its parameters; <paramref name="weights"/> holds one row per label.</summary>
    public SoftmaxHead(IReadOnlyList<string> labels, float[][] weights, float[] biases)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        if (labels.Count != weights.Length || labels.Count != biases.Length)
        {
            throw new ArgumentException($"A head needs one weight row and one bias per label: {labels.Count} labels, {weights.Length} rows, {biases.Length} biases.");
        }

        Labels = labels;
        Weights = weights;
        Biases = biases;
    }

    /// <summary>The class names, in the order of the weights.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>One weight vector per label.</summary>
    public float[][] Weights { get; }

    /// <summary>One bias per label.</summary>
    public float[] Biases { get; }

    /// <summary>
    /// Trains a head on <paramref name="vectors"/> with their <paramref name="labels"/>. Needs at least two distinct
    /// labels. <paramref name="l2"/> is the L2 regularization weight (ML.NET's default is 1).
    /// </summary>
    public static SoftmaxHead Train(IReadOnlyList<float[]> vectors, IReadOnlyList<string> labels, float l2 = 1f, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(labels);
        if (vectors.Count != labels.Count || vectors.Count == 0)
        {
            throw new ArgumentException($"Training needs one label per vector and at least one example: {vectors.Count} vectors, {labels.Count} labels.");
        }

        var names = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count < 2)
        {
            throw new ArgumentException($"Training needs examples of at least two classes; all {labels.Count} are '{names[0]}'.");
        }

        var dimension = vectors[0].Length;
        var context = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var data = context.Data.LoadFromEnumerable(vectors.Select((vector, i) => new Example { Label = labels[i], Features = vector }), schema);
        // Keys follow the sorted label names, so class k of the trained model is names[k].
        var keys = context.Data.LoadFromEnumerable(names.Select(name => new LabelName { Label = name }));
        var pipeline = context.Transforms.Conversion.MapValueToKey("Key", nameof(Example.Label), keyData: keys)
            .Append(context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Key",
                FeatureColumnName = nameof(Example.Features),
                L2Regularization = l2,
                L1Regularization = 0,
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(data);
        var parameters = model.LastTransformer.Model;
        VBuffer<float>[] rows = [];
        parameters.GetWeights(ref rows, out var classes);
        var biases = parameters.GetBiases().ToArray();
        var weights = new float[classes][];
        for (var k = 0; k < classes; k++)
        {
            weights[k] = new float[dimension];
            rows[k].CopyTo(weights[k]);
        }

        return new SoftmaxHead(names, weights, biases);
    }

    /// <summary>The probability of every label for <paramref name="vector"/>, in <see cref="Labels"/> order.</summary>
    public double[] Probabilities(ReadOnlySpan<float> vector)
    {
        var logits = new float[Labels.Count];
        for (var k = 0; k < logits.Length; k++)
        {
            logits[k] = VectorMath.Dot(Weights[k], vector) + Biases[k];
        }

        return VectorMath.Softmax(logits);
    }

    /// <summary>Writes the head as JSON.</summary>
    public void Save(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new Stored(Labels, Weights, Biases), Json));

    /// <summary>Reads a head written by <see cref="Save"/>.</summary>
    public static SoftmaxHead Load(string path)
    {
        var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path} holds no classification head.");
        return new SoftmaxHead(stored.Labels, stored.Weights, stored.Biases);
    }

    private sealed record Stored(IReadOnlyList<string> Labels, float[][] Weights, float[] Biases);

    private sealed class Example
    {
        public string Label { get; set; } = "";

        public float[] Features { get; set; } = [];
    }

    private sealed class LabelName
    {
        public string Label { get; set; } = "";
    }
}
