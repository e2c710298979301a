using Microsoft.Extensions.Logging;

namespace LabelStudio.ML;

/// <summary>What a model instance is bound to for one request.</summary>
internal sealed record ModelContext(string ProjectId, ProjectState State, string? LabelConfigXml, ILogger Logger);
