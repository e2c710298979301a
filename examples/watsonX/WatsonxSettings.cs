using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>
/// watsonx.ai with the original's variable names: <c>WATSONX_URL</c> (the region's address, us-south by default),
/// <c>WATSONX_API_KEY</c>, <c>WATSONX_PROJECT_ID</c>, <c>WATSONX_MODELTYPE</c> (the model id) and <c>MAX_NEW_TOKENS</c>
/// (50); <c>WATSONX_IAM_URL</c> replaces IBM Cloud's IAM token address (for a private cloud).
/// </summary>
public sealed record WatsonxSettings(Uri Url, Uri IamUrl, string? ApiKey, string? ProjectId, string ModelId, int MaxNewTokens)
{
    public static readonly Uri DefaultUrl = new("https://us-south.ml.cloud.ibm.com");
    public static readonly Uri DefaultIamUrl = new("https://iam.cloud.ibm.com/identity/token");
    public const string DefaultModelId = "ibm/granite-3-8b-instruct";

    /// <summary>The version date the text-generation API is called with.</summary>
    public const string ApiVersion = "2023-05-29";

    public static WatsonxSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var tokens = SettingValues.Whole(configuration["MAX_NEW_TOKENS"], "MAX_NEW_TOKENS", 50, 1, 8192);
        return new WatsonxSettings(
            SettingValues.Address(configuration, "WATSONX_URL") ?? DefaultUrl,
            SettingValues.Address(configuration, "WATSONX_IAM_URL") ?? DefaultIamUrl,
            SettingValues.Text(configuration, "WATSONX_API_KEY"),
            SettingValues.Text(configuration, "WATSONX_PROJECT_ID"),
            SettingValues.Text(configuration, "WATSONX_MODELTYPE") ?? DefaultModelId,
            tokens);
    }

    /// <summary>Throws unless the key and the project are set (the original refuses to start without them).</summary>
    /// <exception cref="LlmConfigurationException">The message names every missing variable.</exception>
    public void EnsureCredentials()
    {
        var missing = new[] { ("WATSONX_API_KEY", ApiKey), ("WATSONX_PROJECT_ID", ProjectId) }.Where(pair => pair.Item2 is null).Select(pair => pair.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new LlmConfigurationException($"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set: watsonx.ai needs an IBM Cloud API key and the watsonx project's id.");
        }
    }

    /// <summary>The text-generation endpoint.</summary>
    public Uri GenerationUrl => new($"{Url.AbsoluteUri.TrimEnd('/')}/ml/v1/text/generation?version={ApiVersion}");

    /// <summary>For messages: the model and the address, never the key.</summary>
    public override string ToString() => $"watsonx.ai model '{ModelId}' at {Url.GetLeftPart(UriPartial.Authority)}";
}
