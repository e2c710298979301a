namespace LlmExamples.Testing;

/// <summary>Backend settings for a test: a class's defaults with one test's changes on top.</summary>
public static class BackendSettings
{
    /// <summary><paramref name="defaults"/> with every entry of <paramref name="changes"/> set (a null value unsets the variable).</summary>
    public static Dictionary<string, string?> With(this Dictionary<string, string?> defaults, Dictionary<string, string?>? changes)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var settings = new Dictionary<string, string?>(defaults);
        foreach (var (key, value) in changes ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }
}
