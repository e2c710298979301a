using LabelStudio.ML;
using LabelStudio.ML.Examples.Text;

namespace HuggingFaceNer;

/// <summary>
/// Named-entity recognition (<c>Labels</c> → <c>Text</c>): all-MiniLM-L6-v2 token states and a BIO softmax head
/// (ML.NET) trained from the project's span annotations, one tag per word read at its first token. Until a head is
/// trained, every task gets an empty prediction. With <c>NER_ONNX_DIR</c> set, a user's ONNX token classifier
/// predicts instead and nothing is trained here.
/// </summary>
[AdaptiveBatching]
public sealed class NerModel(
    MiniLmEncoder encoder,
    ArtifactCache<SoftmaxHead> heads,
    UserTokenClassifier userModel,
    NerSettings settings,
    LabelStudioClient labelStudio) : LabelStudioModel
{
    /// <summary>The head's file inside a model version's folder.</summary>
    public const string HeadFile = "token-head.json";

    /// <summary>The project's annotated examples, beside its model versions.</summary>
    public const string ExamplesFile = "ner-examples.json";

    private const string PendingKey = "huggingface_ner.changes_since_training";

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("Labels", "Text");
        var texts = new List<string>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            texts.Add(await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancellationToken));
        }

        var tagged = TagWords(texts);
        if (tagged is null)
        {
            return new ModelResponse(texts.Select(_ => new Prediction([])));
        }

        var types = tagged.SelectMany(item => item.Tags).Where(t => t.Length > 2).Select(t => t[2..]).Distinct(StringComparer.Ordinal).ToList();
        // Entity types as the config names them; types the config lacks are left out.
        var labelMap = Config.BuildLabelMapByModelName(tag.FromName, types);
        var predictions = new List<Prediction>(texts.Count);
        foreach (var (encoded, tags, probabilities) in tagged)
        {
            var regions = new List<Region>();
            var scores = new List<double>();
            foreach (var (first, last, type, score) in BioTags.Group(tags, probabilities))
            {
                if (!labelMap.TryGetValue(type, out var label))
                {
                    continue;
                }

                var start = encoded.Words[first].Start;
                regions.Add(Region.Span(tag, encoded.Text, start, encoded.Words[last].End - start, [label]).WithScore(score));
                scores.Add(score);
            }

            predictions.Add(new Prediction(regions, scores.Count == 0 ? 0 : scores.Average()));
        }

        return new ModelResponse(predictions);
    }

    /// <inheritdoc />
    public override async Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        if (userModel.IsConfigured)
        {
            return new { Trained = false, Reason = "NER_ONNX_DIR is set: that ONNX model predicts and is not retrained here." };
        }

        var tag = Config.FirstTag("Labels", "Text");
        var update = await ExampleUpdate<NerExample>.ApplyAsync(
            trainingEvent, labelStudio, Artifacts.ProjectDirectory, ExamplesFile, State, PendingKey,
            async (annotated, cancel) =>
            {
                var examples = new List<NerExample?>(annotated.Count);
                foreach (var (task, annotation) in annotated)
                {
                    // An annotation without spans still teaches: everything in it is "O".
                    var spans = AnnotationResults.Of(annotation, tag.FromName)
                        .Select(result => (Start: AnnotationResults.Offset(result, "start"), End: AnnotationResults.Offset(result, "end"), Labels: AnnotationResults.Strings(result, "labels")))
                        .Where(span => span.Start is not null && span.End > span.Start && span.Labels.Count > 0)
                        .Select(span => new EntitySpan(span.Start!.Value, span.End!.Value, span.Labels[0]))
                        .ToList();
                    var text = await TaskData.ReadTextAsync(task, Config.GetObject(tag.ToName), cancel);
                    examples.Add(new NerExample(AnnotationResults.Id(annotation), text, spans));
                }

                return examples;
            },
            cancellationToken);
        var store = update.Store;
        var examples = store.Examples.Values.Where(example => !string.IsNullOrWhiteSpace(example.Text)).ToList();
        var hasEntities = examples.Any(example => example.Spans.Count > 0);
        if (!update.IsDue(settings.TrainEvery) || !hasEntities)
        {
            update.Defer();
            return new { Trained = false, Examples = store.Examples.Count, Reason = hasEntities ? $"{update.Changes} of {settings.TrainEvery} changes before the next training" : "no annotated entity yet" };
        }

        trainingEvent.ReportProgress(0.1, $"encoding {examples.Count} annotated texts");
        var encoded = examples.Select(example => encoder.Encode(example.Text)).ToList();
        var states = encoder.TokenStates(encoded);
        var vectors = new List<float[]>();
        var tags = new List<string>();
        for (var i = 0; i < examples.Count; i++)
        {
            var wordTags = BioTags.FromSpans(examples[i].Text, encoded[i].Words, examples[i].Spans);
            vectors.AddRange(FirstTokenVectors(encoded[i], states[i]));
            tags.AddRange(wordTags);
        }

        trainingEvent.ReportProgress(0.5, $"training the token head on {vectors.Count} words");
        var head = SoftmaxHead.Train(vectors, tags);
        cancellationToken.ThrowIfCancellationRequested();
        using var draft = Artifacts.CreateDraft();
        head.Save(Path.Combine(draft.Directory, HeadFile));
        var version = draft.Commit();
        update.Trained();
        return new { Trained = true, Examples = examples.Count, Words = vectors.Count, Tags = head.Labels, ModelVersion = version };
    }

    /// <summary>
    /// Each word's features, in word order: the states of its first token and of the words before and after it
    /// (zeros at the edges). The neighbours let the head see that "Stark" in "Stark Industries" starts a company name.
    /// </summary>
    private static List<float[]> FirstTokenVectors(EncodedText encoded, float[][] states)
    {
        var firsts = new List<float[]>(encoded.Words.Count);
        for (var token = 0; token < encoded.Ids.Length; token++)
        {
            if (encoded.TokenWords[token] == firsts.Count)
            {
                firsts.Add(states[token]);
            }
        }

        var dimension = MiniLmEncoder.Dimension;
        var vectors = new List<float[]>(firsts.Count);
        for (var w = 0; w < firsts.Count; w++)
        {
            var vector = new float[3 * dimension];
            if (w > 0)
            {
                firsts[w - 1].CopyTo(vector, 0);
            }

            firsts[w].CopyTo(vector, dimension);
            if (w + 1 < firsts.Count)
            {
                firsts[w + 1].CopyTo(vector, 2 * dimension);
            }

            vectors.Add(vector);
        }

        return vectors;
    }

    /// <summary>Every text's words with their tags, from the user model or the trained head; <see langword="null"/> when there is neither.</summary>
    private List<(EncodedText Text, string[] Tags, double[] Probabilities)>? TagWords(List<string> texts)
    {
        if (userModel.IsConfigured)
        {
            return userModel.Tag(texts);
        }

        if (Artifacts.CurrentDirectory is not { } directory || !File.Exists(Path.Combine(directory, HeadFile)))
        {
            return null;
        }

        var head = heads.Get(directory, folder => SoftmaxHead.Load(Path.Combine(folder, HeadFile)));
        var encoded = texts.Select(encoder.Encode).ToList();
        var states = encoder.TokenStates(encoded);
        var result = new List<(EncodedText, string[], double[])>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var vectors = FirstTokenVectors(encoded[i], states[i]);
            var tags = new string[vectors.Count];
            var probabilities = new double[vectors.Count];
            for (var w = 0; w < vectors.Count; w++)
            {
                var row = head.Probabilities(vectors[w]);
                var best = VectorMath.ArgMax(row);
                (tags[w], probabilities[w]) = (head.Labels[best], row[best]);
            }

            result.Add((encoded[i], tags, probabilities));
        }

        return result;
    }
}
