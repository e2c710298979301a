namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// Turns an OpenAI-style request into Azure OpenAI's: the key goes in the <c>api-key</c> header instead of
/// <c>Authorization: Bearer</c>, and every call carries <c>?api-version=…</c>. The deployment path is already in the
/// client's endpoint (<c>{resource}/openai/deployments/{deployment}</c>).
/// </summary>
internal sealed class AzureOpenAIHandler(string apiVersion) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } key })
        {
            request.Headers.Authorization = null;
            request.Headers.Remove("api-key");
            request.Headers.Add("api-key", key);
        }

        if (request.RequestUri is { } uri && !uri.Query.Contains("api-version=", StringComparison.Ordinal))
        {
            var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
            request.RequestUri = new Uri(uri.AbsoluteUri + separator + "api-version=" + Uri.EscapeDataString(apiVersion));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
