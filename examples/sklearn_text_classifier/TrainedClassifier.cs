using Microsoft.ML;
using Microsoft.ML.Data;

namespace SklearnTextClassifier;

/// <summary>
/// A loaded model version. Predicting runs <see cref="ITransformer.Transform"/> over the whole batch of texts, which
/// is safe from several threads at once (unlike ML.NET's PredictionEngine), so requests share one instance.
/// </summary>
internal sealed class TrainedClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private TrainedClassifier(MLContext ml, ITransformer model, IReadOnlyList<string> classes)
    {
        _ml = ml;
        _model = model;
        Classes = classes;
    }

    /// <summary>The class names, in the order of each prediction's probabilities.</summary>
    public IReadOnlyList<string> Classes { get; }

    public static TrainedClassifier Load(string path)
    {
        var ml = new MLContext(seed: 1);
        var model = ml.Model.Load(path, out _);
        var probe = model.Transform(ml.Data.LoadFromEnumerable(new[] { new TextRow() }));
        VBuffer<ReadOnlyMemory<char>> names = default;
        probe.Schema["Score"].GetSlotNames(ref names);
        return new TrainedClassifier(ml, model, [.. names.DenseValues().Select(name => name.ToString())]);
    }

    /// <summary>The probability of each of <see cref="Classes"/> for each text.</summary>
    public IReadOnlyList<float[]> Predict(IReadOnlyList<string> texts)
    {
        var rows = _ml.Data.LoadFromEnumerable(texts.Select(text => new TextRow { Text = text }));
        return [.. _ml.Data.CreateEnumerable<ScoreRow>(_model.Transform(rows), reuseRowObject: false).Select(row => row.Score)];
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
