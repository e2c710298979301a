namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>
/// Pre-annotation of named entities (<c>Labels</c> → <c>Text</c>) with the JavaScript models: each entity becomes a
/// <c>labels</c> span in code points with the covered text. A derived model says which label names it gives each
/// entity type; the project's labels are matched to those names (or to the names in a label's
/// <c>predicted_values</c>), and entities whose type matches no label are left out.
/// </summary>
public abstract class JsNerModel(JsEntityRecognizer recognizer) : LabelStudioModel
{
    /// <summary>
    /// The model's label names for each entity type of <see cref="JsEntityTypes"/>, in order of preference: the first
    /// one the project's labels accept is used. The type's own name is tried last.
    /// </summary>
    protected abstract IReadOnlyDictionary<string, IReadOnlyList<string>> LabelNames { get; }

    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tag = Config.FirstTag("Labels", "Text");
        var labels = LabelsByType(tag.FromName);
        var objectTag = Config.GetObject(tag.ToName);
        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            var text = await TaskData.ReadTextAsync(task, objectTag, cancellationToken);
            var regions = new List<Region>();
            foreach (var entity in await recognizer.RecognizeAsync(text, cancellationToken))
            {
                if (labels.TryGetValue(entity.Type, out var label))
                {
                    regions.Add(Region.Span(tag, text, entity.Start, entity.End - entity.Start, [label]));
                }
            }

            predictions.Add(new Prediction(regions));
        }

        return new ModelResponse(predictions);
    }

    /// <summary>Entity type → the project's label, for the types some label accepts.</summary>
    private Dictionary<string, string> LabelsByType(string controlName)
    {
        var candidates = recognizer.EntityTypes.ToDictionary(
            type => type,
            type => (LabelNames.TryGetValue(type, out var names) ? names : []).Append(type).ToList(),
            StringComparer.Ordinal);
        var labelMap = Config.BuildLabelMapByModelName(controlName, candidates.Values.SelectMany(names => names));
        var byType = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (type, names) in candidates)
        {
            if (names.FirstOrDefault(labelMap.ContainsKey) is { } name)
            {
                byType[type] = labelMap[name];
            }
        }

        return byType;
    }
}
