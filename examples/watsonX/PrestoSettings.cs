using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>
/// Where the webhook sink writes in watsonx.data (its Presto engine), with the original's variables:
/// <c>WATSONX_ENG_HOST</c> (a host name, or an address with its scheme), <c>WATSONX_ENG_PORT</c> (443),
/// <c>WATSONX_ENG_USERNAME</c> (<c>ibmlhapikey</c>), <c>WATSONX_CATALOG</c>, <c>WATSONX_SCHEMA</c>,
/// <c>WATSONX_TABLE</c>; the password is <c>WATSONX_API_KEY</c>.
/// </summary>
public sealed record PrestoSettings(Uri Server, string User, string? Password, string Catalog, string Schema, string Table)
{
    /// <summary>The settings, or the list of missing variables.</summary>
    public static (PrestoSettings? Settings, IReadOnlyList<string> Missing) FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? Value(string key) => SettingValues.Text(configuration, key);
        var missing = new[] { "WATSONX_ENG_HOST", "WATSONX_API_KEY", "WATSONX_CATALOG", "WATSONX_SCHEMA", "WATSONX_TABLE" }.Where(key => Value(key) is null).ToList();
        if (missing.Count > 0)
        {
            return (null, missing);
        }

        var host = Value("WATSONX_ENG_HOST")!;
        var port = SettingValues.Whole(configuration["WATSONX_ENG_PORT"], "WATSONX_ENG_PORT", 443, 1, 65535);
        var server = host.Contains("://", StringComparison.Ordinal)
            ? new UriBuilder(host) { Port = Value("WATSONX_ENG_PORT") is null ? new Uri(host).Port : port }.Uri
            : new UriBuilder("https", host, port).Uri;
        return (new PrestoSettings(server, Value("WATSONX_ENG_USERNAME") ?? "ibmlhapikey", Value("WATSONX_API_KEY"), Identifier(Value("WATSONX_CATALOG")!, "WATSONX_CATALOG"), Identifier(Value("WATSONX_SCHEMA")!, "WATSONX_SCHEMA"), Identifier(Value("WATSONX_TABLE")!, "WATSONX_TABLE")), []);
    }

    /// <summary>The table's quoted, fully qualified name.</summary>
    public string QualifiedTable => $"\"{Catalog}\".\"{Schema}\".\"{Table}\"";

    private static string Identifier(string name, string variable) =>
        name.All(character => char.IsAsciiLetterOrDigit(character) || character is '_' or '-')
            ? name
            : throw new LlmConfigurationException($"{variable} is '{name}'; use letters, digits, '_' and '-' only.");
}
