namespace LabelStudio.ML.Cli.Commands;

/// <summary>What <c>deploy gcp</c> deploys, and where.</summary>
internal sealed record GcpDeployment(
    string Directory,
    string ProjectId,
    string Region,
    string LabelStudioHost,
    string ApiKey,
    string? ServiceName = null,
    string? BasicAuthUser = null,
    string? BasicAuthPass = null);
