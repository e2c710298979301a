using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace SklearnTextClassifier;

/// <summary>
/// Trains the classifier: ML.NET's text featurizer (TF-IDF of word 1–3-grams plus character trigrams, L2-normalized)
/// into a multinomial logistic regression (L-BFGS maximum entropy), as the original's TF-IDF + LogisticRegression.
/// </summary>
internal static class TextClassifierTrainer
{
    /// <summary>The file a model version holds.</summary>
    public const string ModelFile = "model.zip";

    /// <summary>Trains on <paramref name="examples"/> and saves the model to <paramref name="directory"/>.</summary>
    /// <param name="examples">The examples; at least two different choices.</param>
    /// <param name="inverseRegularization">The original's <c>C</c>: larger fits the examples more closely (L2 weight 1/C).</param>
    /// <param name="directory">The draft folder of the new model version.</param>
    public static void TrainAndSave(IReadOnlyCollection<LabeledText> examples, double inverseRegularization, string directory)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(examples.Select(example => new TextRow { Text = example.Text, Label = example.Choice }));
        var featurizer = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var trainer = new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = "Features",
            L2Regularization = (float)(1 / inverseRegularization),
            L1Regularization = 0,
        };
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(TextRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(trainer));
        var model = pipeline.Fit(data);
        ml.Model.Save(model, data.Schema, Path.Combine(directory, ModelFile));
    }
}

/// <summary>The row the pipeline reads: the text and, when training, its choice.</summary>
internal sealed class TextRow
{
    public string Text { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;
}
