namespace LabelStudio.ML.Redis;

/// <summary>The "project X is now at version V" message replicas publish when a model version changes.</summary>
internal static class VersionSignal
{
    public const string Channel = "versions";

    public static string Format(string projectId, string version, string replica) => $"{projectId}\t{version}\t{replica}";

    public static (string ProjectId, string Version, string Replica)? Parse(string? message) =>
        message?.Split('\t') is [var project, var version, var replica] ? (project, version, replica) : null;
}
