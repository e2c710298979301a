namespace LabelStudio.ML.Cli;

/// <summary>A failure the user can act on: printed as one line (<c>error: …</c>), ending the command with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code; never 0.</summary>
    public int ExitCode { get; } = exitCode == 0 ? 1 : exitCode;
}
