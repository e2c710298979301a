using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

/// <summary>Large answers (brush masks, big batches) go gzip-compressed to clients that accept it; small ones as they are.</summary>
public sealed class ResponseCompressionTests
{
    private static async Task<HttpResponseMessage> PredictAsync(TestBackend backend, int tasks, bool acceptGzip)
    {
        var body = Payloads.Predict(Payloads.SentimentConfig, "1.1", [.. Enumerable.Range(0, tasks).Select(i => Payloads.Task(i, "good day"))]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        if (acceptGzip)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("deflate"));
        }

        return await backend.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_large_answer_is_gzip_compressed_for_a_client_that_accepts_it()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using var response = await PredictAsync(backend, 200, acceptGzip: true);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);

        await using var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var results = JsonNode.Parse(gzip)!["results"]!.AsArray();
        Assert.Equal(200, results.Count);
        Assert.All(results, result => Assert.Equal("Positive", result!["result"]![0]!["value"]!["choices"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task Small_answers_and_clients_without_gzip_get_plain_json()
    {
        await using var backend = await TestBackend.StartAsync<KeywordSentimentModel>();
        using (var small = await PredictAsync(backend, 1, acceptGzip: true))
        {
            Assert.Empty(small.Content.Headers.ContentEncoding);
            Assert.Single(JsonNode.Parse(await small.Content.ReadAsStringAsync())!["results"]!.AsArray());
        }

        using var large = await PredictAsync(backend, 200, acceptGzip: false);
        Assert.Empty(large.Content.Headers.ContentEncoding);
        Assert.Equal(200, JsonNode.Parse(await large.Content.ReadAsStringAsync())!["results"]!.AsArray().Count);
    }
}
