namespace LabelStudio.ML.Cli;

/// <summary>Where commands write: the process's stdout and stderr, or a test's writers.</summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public void Line(string text) => Output.WriteLine(text);

    public void Fail(string message) => Error.WriteLine($"error: {message}");
}
