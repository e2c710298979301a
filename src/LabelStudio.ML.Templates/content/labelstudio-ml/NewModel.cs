using System.Text.Json;
using LabelStudio.ML;

namespace my_ml_backend;

/// <summary>
/// A starting point: a text classifier that learns from annotations. It remembers the words of every annotated
/// text under the choice the annotator made, and predicts for a new text the choice whose words it shares most.
/// Replace the word counting with your own model; the plumbing around it stays the same.
/// </summary>
/// <remarks>
/// The server creates one instance per request, bound to the request's project. Keep heavy things (weights,
/// ONNX sessions, tokenizers) in singletons registered in Program.cs and take them in the constructor.
/// Works with a label config such as:
/// <code>
/// &lt;View&gt;
///   &lt;Text name="text" value="$text"/&gt;
///   &lt;Choices name="sentiment" toName="text"&gt;&lt;Choice value="Positive"/&gt;&lt;Choice value="Negative"/&gt;&lt;/Choices&gt;
/// &lt;/View&gt;
/// </code>
/// </remarks>
public sealed class NewModel : LabelStudioModel
{
    // Per-project state lives in $MODEL_DIR/cache.db; keys are plain strings, values text (JSON here).
    private const string WordsKey = "words";

    /// <summary>
    /// Runs in every request before PredictAsync or FitAsync. Label Studio gives /setup 3 seconds: read settings
    /// (ExtraParams) or set a custom model version here, never load weights.
    /// </summary>
    public override Task SetupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Predicts one choice per task; an empty prediction when nothing was learned yet.</summary>
    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        // (from_name, to_name, data key) of the first Choices control that labels a Text object.
        var tag = Config.FirstTag("Choices", "Text");
        var textTag = Config.GetObject(tag.ToName);
        var learned = LoadWords();

        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The task's data as Label Studio sent it: task.Data["text"] for value="$text". ResolveText answers
            // 422 naming the missing key when a task lacks it.
            var words = Words(textTag.ResolveText(task.Data, task.Id));
            var best = learned
                .Select(entry => (Choice: entry.Key, Shared: entry.Value.Count(words.Contains)))
                .Where(candidate => candidate.Shared > 0)
                .OrderByDescending(candidate => candidate.Shared)
                .FirstOrDefault();
            if (best.Choice is null)
            {
                predictions.Add(new Prediction([]));
                continue;
            }

            var score = (double)best.Shared / Math.Max(1, words.Count);
            predictions.Add(new Prediction([Region.Choices(tag, best.Choice).WithScore(score)], score));
        }

        return Task.FromResult<ModelResponse?>(new ModelResponse(predictions));
    }

    /// <summary>
    /// Learns from a new or updated annotation. Runs as a background job, one at a time per project; a burst of
    /// annotations arrives as one call with every event in <see cref="TrainingEvent.FoldedEvents"/>.
    /// </summary>
    public override Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("Choices", "Text");
        var textTag = Config.GetObject(tag.ToName);
        var learned = LoadWords();
        var learnedNow = 0;
        foreach (var folded in trainingEvent.FoldedEvents)
        {
            if (folded.Action is not (TrainingEvent.AnnotationCreated or TrainingEvent.AnnotationUpdated)
                || folded.Task is not { } task
                || folded.Annotation?["result"] is not System.Text.Json.Nodes.JsonArray result)
            {
                continue;
            }

            // The annotation's result holds the regions the annotator made, in the same shape as predictions.
            var choices = result
                .Where(region => (string?)region?["from_name"] == tag.FromName)
                .SelectMany(region => region?["value"]?["choices"]?.AsArray() ?? [])
                .Select(choice => (string?)choice)
                .OfType<string>();
            var words = Words(textTag.ResolveText(task.Data, task.Id));
            foreach (var choice in choices)
            {
                learned[choice] = [.. (learned.GetValueOrDefault(choice) ?? []).Union(words)];
                learnedNow++;
            }
        }

        if (learnedNow == 0)
        {
            return Task.FromResult<object?>(new { learned = 0 });
        }

        State.Set(WordsKey, JsonSerializer.Serialize(learned));
        // A new version makes Label Studio ask for fresh predictions.
        var version = BumpModelVersion();
        return Task.FromResult<object?>(new { learned = learnedNow, model_version = version });
    }

    private Dictionary<string, List<string>> LoadWords() =>
        State.Get(WordsKey) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json) ?? []
            : [];

    private static HashSet<string> Words(string text) =>
        [.. text.ToLowerInvariant().Split([' ', '\t', '\n', '\r', '.', ',', '!', '?', ';', ':'], StringSplitOptions.RemoveEmptyEntries)];
}
