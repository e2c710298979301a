namespace LabelStudio.ML.Examples.Llm;

/// <summary>Reading a provider's answer: the body of a success, or a <see cref="ProviderException"/> with its status and message.</summary>
public static class ProviderResponses
{
    /// <summary>The body of a 2xx answer.</summary>
    /// <param name="response">The provider's answer.</param>
    /// <param name="what">Put before the provider's own message (e.g. <c>IBM Cloud IAM did not exchange the API key</c>), or null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="ProviderException">Any other status, with the provider's message and <c>Retry-After</c>.</exception>
    public static async Task<string> ReadSuccessAsync(this HttpResponseMessage response, string? what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return body;
        }

        var said = ProviderFailure.ErrorMessage(body) ?? response.ReasonPhrase ?? "";
        throw new ProviderException((int)response.StatusCode, what is null ? said : $"{what}: {said}", response.Headers.RetryAfter?.Delta);
    }
}
