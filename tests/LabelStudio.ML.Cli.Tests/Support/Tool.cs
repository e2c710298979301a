namespace LabelStudio.ML.Cli.Tests.Support;

/// <summary>Runs the tool in the test process, as <c>label-studio-ml ARGS</c> would, and captures what it writes.</summary>
internal static class Tool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The built tool next to the tests (the SDK copies a referenced application there).</summary>
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "label-studio-ml.dll");
}
