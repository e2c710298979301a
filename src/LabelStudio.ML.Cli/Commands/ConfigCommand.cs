using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LabelStudio.ML.Cli.Commands;

/// <summary>
/// <c>config show [--redacted] [start's switches]</c>: the settings a backend started here would run with — the
/// environment plus the switches <c>start</c> takes, bound by the backend's own options code — with secrets masked.
/// </summary>
internal static class ConfigCommand
{
    /// <summary>The examples its help shows.</summary>
    public static readonly string[] Examples =
    [
        "label-studio-ml config show",
        "label-studio-ml config show -p 9091 --log-level debug",
        "label-studio-ml config show --redacted",
    ];

    public static Command Build(CliConsole console)
    {
        var redacted = new Option<bool>("--redacted")
        {
            Description = "Also mask what names a person or a machine (the basic-auth user, the host of every URL), for pasting into a public issue. Secrets are always masked.",
        };
        var port = new Option<int?>("--port", "-p") { Description = "As in start: PORT." };
        var host = new Option<string?>("--host") { Description = "As in start: HOST." };
        var user = new Option<string?>("--basic-auth-user") { Description = "As in start: BASIC_AUTH_USER." };
        var pass = new Option<string?>("--basic-auth-pass") { Description = "As in start: BASIC_AUTH_PASS (shown masked)." };
        var modelDir = new Option<string?>("--model-dir") { Description = "As in start: MODEL_DIR." };
        var logLevel = new Option<string?>("--log-level") { Description = "As in start: LOG_LEVEL." };
        var debug = new Option<bool>("--debug") { Description = "As in start: LOG_LEVEL=DEBUG." };
        var show = new Command("show", "Print the effective settings (environment + switches), one NAME=value a line, secrets masked.")
        {
            redacted, port, host, user, pass, modelDir, logLevel, debug,
        };
        show.SetAction(parse =>
        {
            var settings = new StartSettings(
                ".", parse.GetValue(port), parse.GetValue(host), parse.GetValue(user), parse.GetValue(pass), null, parse.GetValue(logLevel), parse.GetValue(debug));
            Show(console, settings, parse.GetValue(modelDir), parse.GetValue(redacted));
            return 0;
        });
        return new Command("config", "Inspect a backend's configuration.") { show };
    }

    /// <summary>Prints the settings; <paramref name="modelDir"/> is taken as <c>start</c> takes it (relative to here).</summary>
    public static void Show(CliConsole console, StartSettings settings, string? modelDir, bool redacted)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in StartCommand.Environment(settings))
        {
            overrides[name] = value;
        }

        if (!string.IsNullOrWhiteSpace(modelDir))
        {
            overrides["MODEL_DIR"] = Path.GetFullPath(modelDir);
        }

        // The switches reach a started backend as environment variables, which win over the inherited ones.
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        (LabelStudioMLOptions Backend, LabelStudioConnectionOptions Connection) options;
        try
        {
            options = EffectiveSettings.Bind(configuration);
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException($"the backend would not start: {string.Join(" ", ex.Failures)}", 2);
        }

        var masking = redacted ? EffectiveSettings.Masking.Shareable : EffectiveSettings.Masking.Secrets;
        console.Line(redacted
            ? "# Effective settings (environment + switches); secrets, user names and hosts masked."
            : "# Effective settings (environment + switches); secrets masked.");
        foreach (var (name, value) in EffectiveSettings.Describe(options.Backend, options.Connection, masking))
        {
            console.Line($"{name}={value}");
        }
    }
}
