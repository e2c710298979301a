using System.CommandLine;
using System.CommandLine.Invocation;
using LabelStudio.ML.Cli.Commands;
using LabelStudio.ML.Cli.Support;

namespace LabelStudio.ML.Cli;

/// <summary>The <c>label-studio-ml</c> command line: its commands, and how failures become exit codes.</summary>
internal static class CliApplication
{
    private static readonly string[] Examples =
    [
        "label-studio-ml create my_ml_backend",
        "label-studio-ml start my_ml_backend -p 9091",
        "label-studio-ml deploy gcp my_ml_backend --gcp-project-id my-project --label-studio-host https://ls.example.com --label-studio-api-key KEY",
    ];

    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(output, error);
        var root = new RootCommand(
            "Create, run and deploy Label Studio ML backends written in .NET.")
        {
            CreateCommand.Build(console),
            StartCommand.Build(console),
            DeployCommand.Build(console),
            ConfigCommand.Build(console),
        };

        var deploy = root.Subcommands.Single(command => command.Name == "deploy");
        ExamplesHelpAction.Install(root, new Dictionary<Command, string[]>
        {
            [root] = Examples,
            [root.Subcommands.Single(command => command.Name == "create")] = CreateCommand.Examples,
            [root.Subcommands.Single(command => command.Name == "start")] = StartCommand.Examples,
            [deploy] = DeployCommand.Examples,
            [deploy.Subcommands.Single(command => command.Name == "gcp")] = DeployGcpCommand.Examples,
            [deploy.Subcommands.Single(command => command.Name == "k8s")] = DeployK8sCommand.Examples,
            [root.Subcommands.Single(command => command.Name == "config").Subcommands.Single()] = ConfigCommand.Examples,
        });

        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction parseError)
        {
            // One line per problem, not the whole help page; `--help` shows that.
            parseError.ShowHelp = false;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // `start` forwards Ctrl+C and SIGTERM to the backend itself and waits for it; nothing must end the
            // process before the backend has stopped.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException ex)
        {
            console.Fail(ex.Message);
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file the command had to read or write: the OS's reason names it.
            console.Fail(ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Fail("cancelled.");
            return 130;
        }
    }
}
