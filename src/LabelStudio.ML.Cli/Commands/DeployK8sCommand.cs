using System.CommandLine;
using LabelStudio.ML.Cli.Support;

namespace LabelStudio.ML.Cli.Commands;

/// <summary>
/// <c>deploy k8s DIR [--output DIR] [--image IMAGE] [--replicas N] [--label-studio-host H] [--label-studio-api-key K]</c>:
/// writes the Kubernetes manifests of the backend; applying them is left to <c>kubectl</c>.
/// </summary>
internal sealed class DeployK8sCommand(CliConsole console)
{
    /// <summary>The examples its help shows.</summary>
    public static readonly string[] Examples =
    [
        "label-studio-ml deploy k8s my_ml_backend --image registry.example.com/my-ml-backend:1.0",
        "label-studio-ml deploy k8s my_ml_backend --image my-ml-backend:1.0 --label-studio-host http://label-studio:8080 --label-studio-api-key KEY --output ./manifests",
    ];

    public static Command Build(CliConsole console)
    {
        var directory = new Argument<string>("DIR") { Description = "The backend's folder." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the manifests (default: DIR/k8s).", HelpName = "DIR" };
        var image = new Option<string?>("--image") { Description = "The container image to run (default: NAME:latest; build and push it first)." };
        var replicas = new Option<int>("--replicas") { Description = "How many pods; 1 keeps MODEL_DIR on a PersistentVolumeClaim, more give each pod an emptyDir.", DefaultValueFactory = _ => 1 };
        replicas.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100)
            {
                result.AddError("--replicas must be from 1 to 100.");
            }
        });
        var host = new Option<string?>("--label-studio-host") { Description = "Label Studio's URL, set as LABEL_STUDIO_URL." };
        var apiKey = new Option<string?>("--label-studio-api-key") { Description = "A Label Studio API key, stored in the Secret as LABEL_STUDIO_API_KEY." };
        var user = new Option<string?>("--basic-auth-user") { Description = "Require HTTP basic auth with this user (stored in the Secret)." };
        var pass = new Option<string?>("--basic-auth-pass") { Description = "The basic auth password (stored in the Secret)." };
        var force = new Option<bool>("--force") { Description = "Overwrite manifests that exist." };
        var command = new Command(
            "k8s",
            "Write Kubernetes manifests for the backend: Deployment (probes on /ready and /alive), Service (port 9090), Secret (keys), PersistentVolumeClaim (MODEL_DIR). Apply them with `kubectl apply -f DIR/k8s`.")
        {
            directory, output, image, replicas, host, apiKey, user, pass, force,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var dir = parse.GetValue(directory)!;
            var name = ServiceName.FromDirectory(dir);
            var deployment = new KubernetesDeployment(
                name, parse.GetValue(image) ?? $"{name}:latest", parse.GetValue(replicas),
                parse.GetValue(host), parse.GetValue(apiKey), parse.GetValue(user), parse.GetValue(pass));
            return new DeployK8sCommand(console).RunAsync(dir, parse.GetValue(output), deployment, parse.GetValue(force), cancellationToken);
        });
        return command;
    }

    public async Task<int> RunAsync(string directory, string? output, KubernetesDeployment deployment, bool force, CancellationToken cancellationToken)
    {
        var source = Preconditions.BackendFolder(directory);
        Preconditions.BasicAuthPair(deployment.BasicAuthUser, deployment.BasicAuthPass);

        var target = Path.GetFullPath(output ?? Path.Combine(source, "k8s"));
        var manifests = new KubernetesManifests(deployment).Render();
        var existing = manifests.Select(manifest => Path.Combine(target, manifest.FileName)).Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new CliException($"{string.Join(", ", existing)} already exist; use --force to overwrite them.");
        }

        Directory.CreateDirectory(target);
        foreach (var (fileName, yaml) in manifests)
        {
            await File.WriteAllTextAsync(Path.Combine(target, fileName), yaml, cancellationToken).ConfigureAwait(false);
            console.Line($"Wrote {Path.Combine(target, fileName)}");
        }

        console.Line($"Next: build and push the image {deployment.Image}, then `kubectl apply -f {target}`.");
        return 0;
    }
}
