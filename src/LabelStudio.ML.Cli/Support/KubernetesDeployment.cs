namespace LabelStudio.ML.Cli.Support;

/// <summary>What <c>deploy k8s</c> writes manifests for.</summary>
internal sealed record KubernetesDeployment(
    string Name,
    string Image,
    int Replicas = 1,
    string? LabelStudioHost = null,
    string? ApiKey = null,
    string? BasicAuthUser = null,
    string? BasicAuthPass = null);
