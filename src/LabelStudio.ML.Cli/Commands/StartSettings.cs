namespace LabelStudio.ML.Cli.Commands;

/// <summary>The switches of <c>start</c>.</summary>
internal sealed record StartSettings(
    string Directory,
    int? Port = null,
    string? Host = null,
    string? BasicAuthUser = null,
    string? BasicAuthPass = null,
    string? ModelDir = null,
    string? LogLevel = null,
    bool Debug = false);
