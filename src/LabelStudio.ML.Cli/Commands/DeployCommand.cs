using System.CommandLine;

namespace LabelStudio.ML.Cli.Commands;

/// <summary><c>deploy gcp …</c> and <c>deploy k8s …</c>.</summary>
internal static class DeployCommand
{
    /// <summary>The examples its help shows.</summary>
    public static readonly string[] Examples =
    [
        "label-studio-ml deploy gcp my_ml_backend --gcp-project-id my-project --label-studio-host https://ls.example.com --label-studio-api-key KEY",
        "label-studio-ml deploy k8s my_ml_backend --image registry.example.com/my-ml-backend:1.0",
    ];

    public static Command Build(CliConsole console) => new(
        "deploy",
        "Deploy a backend: to Google Cloud Run (gcp) or as Kubernetes manifests (k8s).")
    {
        DeployGcpCommand.Build(console),
        DeployK8sCommand.Build(console),
    };
}
