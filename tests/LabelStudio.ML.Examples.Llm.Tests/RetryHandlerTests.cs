using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace LabelStudio.ML.Examples.Llm.Tests;

/// <summary>The retry policy with a recorded clock: which waits it asks for, and what it hands on at the end.</summary>
public sealed class RetryHandlerTests
{
    private static readonly RetryOptions Options = new(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));

    [Fact]
    public async Task Retry_After_is_honoured_and_otherwise_the_wait_doubles()
    {
        var waits = new List<TimeSpan>();
        var answers = new Queue<HttpResponseMessage>(
        [
            Answer(HttpStatusCode.TooManyRequests, retryAfterSeconds: 7),
            Answer(HttpStatusCode.InternalServerError),
            Answer(HttpStatusCode.BadGateway),
            Answer(HttpStatusCode.OK),
        ]);
        using var client = Client(answers, waits);

        using var response = await client.PostAsync("http://provider.test/v1/chat/completions", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)], waits);
    }

    [Fact]
    public async Task Retry_After_beyond_the_longest_wait_is_capped_and_the_last_failure_is_handed_on()
    {
        var waits = new List<TimeSpan>();
        var answers = new Queue<HttpResponseMessage>(Enumerable.Range(0, 4).Select(_ => Answer(HttpStatusCode.TooManyRequests, retryAfterSeconds: 3600)));
        using var client = Client(answers, waits);

        using var response = await client.GetAsync("http://provider.test/x");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)], waits);
    }

    [Fact]
    public async Task A_client_error_is_not_retried()
    {
        var waits = new List<TimeSpan>();
        var answers = new Queue<HttpResponseMessage>([Answer(HttpStatusCode.Unauthorized), Answer(HttpStatusCode.OK)]);
        using var client = Client(answers, waits);

        using var response = await client.GetAsync("http://provider.test/x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(waits);
        Assert.Single(answers);
    }

    [Fact]
    public void Backoff_doubles_from_the_base_delay_up_to_the_cap()
    {
        var options = new RetryOptions(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1));

        Assert.Equal([1, 2, 4, 5, 5], Enumerable.Range(1, 5).Select(retry => options.Backoff(retry).TotalSeconds));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("{}") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    private static HttpClient Client(Queue<HttpResponseMessage> answers, List<TimeSpan> waits) =>
        new(new RetryHandler(Options, NullLogger.Instance, (wait, _) =>
        {
            waits.Add(wait);
            return Task.CompletedTask;
        })
        {
            InnerHandler = new Scripted(answers),
        });

    private sealed class Scripted(Queue<HttpResponseMessage> answers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answers.Dequeue());
    }
}
