using System.CommandLine;
using System.Diagnostics;
using LabelStudio.ML.Cli.Support;

namespace LabelStudio.ML.Cli.Commands;

/// <summary>
/// <c>deploy gcp DIR --gcp-project-id P [--gcp-region R] --label-studio-host H --label-studio-api-key K</c>:
/// <c>gcloud run deploy --source DIR</c>, which builds the image from the backend's Dockerfile with Cloud Build,
/// pushes it to Artifact Registry and runs it on Cloud Run.
/// </summary>
internal sealed class DeployGcpCommand(CliConsole console)
{
    public const string MissingGcloud =
        "gcloud was not found on PATH: install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install), run `gcloud auth login`, then try again.";

    /// <summary>The examples its help shows.</summary>
    public static readonly string[] Examples =
    [
        "label-studio-ml deploy gcp my_ml_backend --gcp-project-id my-project --label-studio-host https://ls.example.com --label-studio-api-key KEY",
        "label-studio-ml deploy gcp my_ml_backend --gcp-project-id my-project --gcp-region europe-west1 --label-studio-host https://ls.example.com --label-studio-api-key KEY --basic-auth-user ls --basic-auth-pass secret --dry-run",
    ];

    public static Command Build(CliConsole console)
    {
        var directory = new Argument<string>("DIR") { Description = "The backend's folder; it must hold a Dockerfile (as `create` makes)." };
        var projectId = new Option<string>("--gcp-project-id") { Description = "The Google Cloud project.", Required = true };
        var region = new Option<string>("--gcp-region") { Description = "The Cloud Run region.", DefaultValueFactory = _ => "us-central1" };
        var host = new Option<string>("--label-studio-host") { Description = "Label Studio's URL, set as LABEL_STUDIO_URL.", Required = true };
        var apiKey = new Option<string>("--label-studio-api-key") { Description = "A Label Studio API key, set as LABEL_STUDIO_API_KEY (masked in every output).", Required = true };
        var service = new Option<string?>("--service-name") { Description = "The Cloud Run service (default: DIR's name in lower case, _ as -)." };
        var user = new Option<string?>("--basic-auth-user") { Description = "Require HTTP basic auth with this user (BASIC_AUTH_USER); recommended, as the service is public." };
        var pass = new Option<string?>("--basic-auth-pass") { Description = "The basic auth password (BASIC_AUTH_PASS; masked in every output)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the commands instead of running them." };
        var command = new Command(
            "gcp",
            "Build the backend's container with Cloud Build and run it on Google Cloud Run (gcloud run deploy --source). Needs the Google Cloud CLI, logged in (gcloud auth login).")
        {
            directory, projectId, region, host, apiKey, service, user, pass, dryRun,
        };
        command.SetAction((parse, cancellationToken) => new DeployGcpCommand(console).RunAsync(
            new GcpDeployment(
                parse.GetValue(directory)!, parse.GetValue(projectId)!, parse.GetValue(region)!, parse.GetValue(host)!, parse.GetValue(apiKey)!,
                parse.GetValue(service), parse.GetValue(user), parse.GetValue(pass)),
            parse.GetValue(dryRun),
            cancellationToken));
        return command;
    }

    public async Task<int> RunAsync(GcpDeployment deployment, bool dryRun, CancellationToken cancellationToken)
    {
        var directory = Preconditions.BackendFolder(deployment.Directory);

        if (!File.Exists(Path.Combine(directory, "Dockerfile")))
        {
            throw new CliException($"{directory} has no Dockerfile: Cloud Run builds the image from it (`label-studio-ml create` makes one).");
        }

        Preconditions.BasicAuthPair(deployment.BasicAuthUser, deployment.BasicAuthPass);

        var arguments = Arguments(deployment, directory);
        console.Line("$ " + CommandText.Format("gcloud", Arguments(deployment, directory, maskSecrets: true)));
        if (dryRun)
        {
            return 0;
        }

        var gcloud = ExecutableLocator.Find("gcloud") ?? throw new CliException(MissingGcloud, 127);
        var code = await ChildProcess.RunAsync(new ProcessStartInfo(gcloud, arguments), cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new CliException($"gcloud run deploy failed with exit code {code}; see its output above.", code);
        }

        console.Line($"Deployed. Connect Label Studio to the service URL printed above (Settings → Model → Connect Model).");
        return 0;
    }

    /// <summary>The arguments of <c>gcloud run deploy</c>; with <paramref name="maskSecrets"/>, the API key and password read <c>***</c>.</summary>
    public static IReadOnlyList<string> Arguments(GcpDeployment deployment, string directory, bool maskSecrets = false)
    {
        var variables = new List<string>
        {
            $"LABEL_STUDIO_URL={deployment.LabelStudioHost}",
            $"LABEL_STUDIO_API_KEY={(maskSecrets ? CommandText.Mask : deployment.ApiKey)}",
            "MODEL_DIR=/data/models",
        };
        if (!string.IsNullOrEmpty(deployment.BasicAuthUser))
        {
            variables.Add($"BASIC_AUTH_USER={deployment.BasicAuthUser}");
            variables.Add($"BASIC_AUTH_PASS={(maskSecrets ? CommandText.Mask : deployment.BasicAuthPass)}");
        }

        return
        [
            "run", "deploy", deployment.ServiceName ?? ServiceName.FromDirectory(directory),
            "--source", directory,
            "--project", deployment.ProjectId,
            "--region", deployment.Region,
            "--port", "9090",
            "--allow-unauthenticated",
            "--set-env-vars", EnvironmentList(variables),
            "--quiet",
        ];
    }

    // gcloud splits --set-env-vars on commas; a value holding one needs another delimiter, declared as ^X^ up front.
    private static string EnvironmentList(List<string> variables)
    {
        var text = string.Join(',', variables);
        if (variables.All(variable => !variable.Contains(',', StringComparison.Ordinal)))
        {
            return text;
        }

        var delimiter = new[] { "@", "|", "~", "#" }.FirstOrDefault(candidate => variables.All(variable => !variable.Contains(candidate, StringComparison.Ordinal)))
            ?? throw new CliException("a value of --label-studio-host, --label-studio-api-key or basic auth holds ',', '@', '|', '~' and '#' at once; gcloud cannot pass it.");
        return $"^{delimiter}^" + string.Join(delimiter, variables);
    }
}
