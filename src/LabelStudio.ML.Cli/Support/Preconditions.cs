namespace LabelStudio.ML.Cli.Support;

/// <summary>Checks several commands make before doing anything, with the same one-line reasons.</summary>
internal static class Preconditions
{
    /// <summary>The full path of <paramref name="directory"/>, which must exist.</summary>
    public static string BackendFolder(string directory)
    {
        var full = Path.GetFullPath(directory);
        return Directory.Exists(full)
            ? full
            : throw new CliException($"{full} was not found: give the folder of a backend (made by `label-studio-ml create`).");
    }

    /// <summary>Basic auth needs a user and a password, or neither.</summary>
    public static void BasicAuthPair(string? user, string? password)
    {
        if (string.IsNullOrEmpty(user) != string.IsNullOrEmpty(password))
        {
            throw new CliException("--basic-auth-user and --basic-auth-pass go together: give both or neither.");
        }
    }
}
