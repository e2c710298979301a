namespace LabelStudio.ML.Cli.Support;

/// <summary>A command as a user could paste it into a POSIX shell.</summary>
internal static class CommandText
{
    /// <summary>What a secret reads as in printed commands.</summary>
    public const string Mask = "***";

    public static string Format(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { program }.Concat(arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
