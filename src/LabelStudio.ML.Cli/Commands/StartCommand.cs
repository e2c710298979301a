using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LabelStudio.ML.Cli.Support;

namespace LabelStudio.ML.Cli.Commands;

/// <summary>
/// <c>start DIR [-p N] [--host H] [--basic-auth-user U --basic-auth-pass P] [--model-dir D] [--log-level L] [--debug]</c>:
/// builds the backend if its sources are newer than its build, then runs it with the switches as environment variables.
/// </summary>
internal sealed class StartCommand(CliConsole console)
{
    private static readonly string[] LogLevels = ["DEBUG", "INFO", "WARNING", "ERROR"];

    /// <summary>The examples its help shows.</summary>
    public static readonly string[] Examples =
    [
        "label-studio-ml start my_ml_backend",
        "label-studio-ml start my_ml_backend -p 9091 --model-dir ./models --debug",
        "label-studio-ml start my_ml_backend --basic-auth-user ls --basic-auth-pass secret",
    ];

    public static Command Build(CliConsole console)
    {
        var directory = new Argument<string>("DIR") { Description = "The backend's folder (or its .csproj)." };
        var port = new Option<int?>("--port", "-p") { Description = "The port to listen on (PORT; default 9090)." };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value is < 0 or > 65535)
            {
                result.AddError($"--port must be from 0 to 65535, got {value}.");
            }
        });
        var host = new Option<string?>("--host") { Description = "The address to listen on (HOST; default 0.0.0.0)." };
        var user = new Option<string?>("--basic-auth-user") { Description = "Require HTTP basic auth with this user (BASIC_AUTH_USER); needs --basic-auth-pass." };
        var pass = new Option<string?>("--basic-auth-pass") { Description = "The basic auth password (BASIC_AUTH_PASS)." };
        var modelDir = new Option<string?>("--model-dir") { Description = "Where cache.db and model files live (MODEL_DIR; default: DIR)." };
        var logLevel = new Option<string?>("--log-level") { Description = "DEBUG, INFO, WARNING or ERROR (LOG_LEVEL)." };
        logLevel.AcceptOnlyFromAmong([.. LogLevels, .. LogLevels.Select(level => level.ToLowerInvariant())]);
        var debug = new Option<bool>("--debug") { Description = "Log at DEBUG level (same as --log-level DEBUG)." };
        var command = new Command(
            "start",
            "Build (when its sources changed) and run the backend in DIR until Ctrl+C or SIGTERM; the exit code is the backend's.")
        {
            directory, port, host, user, pass, modelDir, logLevel, debug,
        };
        command.SetAction((parse, cancellationToken) => new StartCommand(console).RunAsync(
            new StartSettings(
                parse.GetValue(directory)!, parse.GetValue(port), parse.GetValue(host), parse.GetValue(user), parse.GetValue(pass),
                parse.GetValue(modelDir), parse.GetValue(logLevel), parse.GetValue(debug)),
            cancellationToken));
        return command;
    }

    public async Task<int> RunAsync(StartSettings settings, CancellationToken cancellationToken)
    {
        var environment = Environment(settings);
        var project = BackendProject.Locate(settings.Directory);
        var targetPath = await project.TargetPathAsync(cancellationToken).ConfigureAwait(false);
        if (project.NeedsBuild(targetPath))
        {
            console.Line($"Building {Path.GetFileName(project.ProjectFile)}…");
            var build = new ProcessStartInfo(DotnetHost.Path, ["build", project.ProjectFile, "--nologo", "-v", "quiet"]) { WorkingDirectory = project.Directory };
            var code = await ChildProcess.RunAsync(build, cancellationToken).ConfigureAwait(false);
            if (code != 0)
            {
                throw new CliException($"dotnet build failed with exit code {code}; see the errors above.", code);
            }
        }

        var run = new ProcessStartInfo(DotnetHost.Path, [targetPath]) { WorkingDirectory = project.Directory };
        foreach (var (name, value) in environment)
        {
            run.Environment[name] = value;
        }

        console.Line($"Starting {Path.GetFileNameWithoutExtension(targetPath)} on port {(environment.TryGetValue("PORT", out var chosen) ? chosen : "9090 (or PORT)")}; Ctrl+C stops it.");
        return await ChildProcess.RunAsync(run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The environment variables the switches set, under the names the backend reads (as in the original SDK).</summary>
    public static IReadOnlyDictionary<string, string> Environment(StartSettings settings)
    {
        Preconditions.BasicAuthPair(settings.BasicAuthUser, settings.BasicAuthPass);

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings.Port is { } port)
        {
            environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrWhiteSpace(settings.Host))
        {
            environment["HOST"] = settings.Host;
        }

        if (!string.IsNullOrEmpty(settings.BasicAuthUser))
        {
            environment["BASIC_AUTH_USER"] = settings.BasicAuthUser;
            environment["BASIC_AUTH_PASS"] = settings.BasicAuthPass!;
        }

        if (!string.IsNullOrWhiteSpace(settings.ModelDir))
        {
            // The backend runs in DIR; a relative --model-dir means relative to where the command was typed.
            var modelDir = Path.GetFullPath(settings.ModelDir);
            Directory.CreateDirectory(modelDir);
            environment["MODEL_DIR"] = modelDir;
        }

        if (settings.Debug)
        {
            environment["LOG_LEVEL"] = "DEBUG";
        }
        else if (!string.IsNullOrWhiteSpace(settings.LogLevel))
        {
            environment["LOG_LEVEL"] = settings.LogLevel.ToUpperInvariant();
        }

        return environment;
    }
}
