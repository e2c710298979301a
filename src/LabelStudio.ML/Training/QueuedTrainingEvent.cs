using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>One webhook event waiting in (or folded into) a training job.</summary>
internal sealed record QueuedTrainingEvent(string Action, JsonObject Data);
