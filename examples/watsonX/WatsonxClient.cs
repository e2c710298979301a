using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.ML.Examples.Llm;

namespace WatsonX;

/// <summary>
/// watsonx.ai text generation: <c>POST {WATSONX_URL}/ml/v1/text/generation?version=2023-05-29</c> with the IAM token
/// as Bearer and <c>{input, model_id, project_id, parameters}</c>; the answer's <c>results[0].generated_text</c>.
/// A token watsonx.ai rejects (401) is exchanged once more.
/// </summary>
public sealed class WatsonxClient(ProviderHttp http, IamTokenSource tokens) : IDisposable
{
    private readonly HttpClient _client = http.CreateClient();

    /// <summary>The text the model generates for <paramref name="input"/>.</summary>
    /// <exception cref="ProviderException">watsonx.ai answered an error, or no generated text.</exception>
    public async Task<string> GenerateAsync(WatsonxSettings settings, string input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var body = new JsonObject
        {
            ["input"] = input,
            ["model_id"] = settings.ModelId,
            ["project_id"] = settings.ProjectId,
            ["parameters"] = new JsonObject { ["decoding_method"] = "greedy", ["max_new_tokens"] = settings.MaxNewTokens },
        }.ToJsonString();
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.TokenAsync(settings, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.GenerationUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await _client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                // The token may have been revoked or expired early: exchange the key again, once.
                tokens.Invalidate();
                continue;
            }

            return GeneratedText(await response.ReadSuccessAsync(null, cancellationToken));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static string GeneratedText(string body)
    {
        try
        {
            var generated = JsonNode.Parse(body)?["results"]?[0]?["generated_text"];
            if (generated?.GetValueKind() == JsonValueKind.String)
            {
                return generated.GetValue<string>();
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new ProviderException($"the generation answer is not JSON ({ex.Message.Split(" Path:")[0]})", ex);
        }

        throw new ProviderException($"the generation answer has no results[0].generated_text: {(body.Length <= 200 ? body : body[..200] + "…")}");
    }
}
