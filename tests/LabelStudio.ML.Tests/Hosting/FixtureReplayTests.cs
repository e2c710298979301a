using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.ML.Testing;
using LabelStudio.ML.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LabelStudio.ML.Tests.Hosting;

/// <summary>
/// Replays every protocol fixture over real HTTP against a backend serving a model scripted by the fixture, and
/// checks the answer, the model calls and the state afterwards. A fixture's <c>project_decision</c> replaces its
/// <c>expect</c>; quirk fixtures without one may match <c>recommended_alternative</c> instead.
/// </summary>
public sealed class FixtureReplayTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(FixturePaths.Root, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void Every_fixture_of_the_protocol_is_replayed()
    {
        Assert.Equal(42, Fixtures().Count);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Fixture_is_answered_as_the_protocol_says(string name)
    {
        var fixture = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(FixturePaths.Root, name + ".json")))!.AsObject();
        var serverConfig = fixture["server_config"]!.AsObject();
        var script = new ModelScript(serverConfig["model_under_test"] as JsonObject);

        var settings = new Dictionary<string, string?> { ["TRAINING_MODE"] = "sync" };
        if (serverConfig["basic_auth"] is JsonObject auth)
        {
            settings["BASIC_AUTH_USER"] = auth["user"]!.GetValue<string>();
            settings["BASIC_AUTH_PASS"] = auth["pass"]!.GetValue<string>();
        }

        await using var backend = await TestBackend.StartAsync<ScriptedModel>(
            settings,
            services => services.AddSingleton(script),
            options => options.ModelClassName = serverConfig["model_class_name"]!.GetValue<string>());

        foreach (var (projectId, values) in serverConfig["store_before"]?.AsObject() ?? [])
        {
            foreach (var (key, value) in values!.AsObject())
            {
                backend.Store.Set(projectId, key, value!.GetValue<string>());
            }
        }

        using var response = await backend.Client.SendAsync(BuildRequest(fixture["request"]!.AsObject()));
        var answer = await Answer.ReadAsync(response);

        var expected = fixture["project_decision"]?.AsObject() ?? fixture["expect"]!.AsObject();
        var alternative = fixture["project_decision"] is null ? fixture["expect"]!["recommended_alternative"] as JsonObject : null;
        var failure = Check(expected, answer, script, backend.Store);
        if (failure is not null && alternative is not null && fixture["conformance"]!.GetValue<string>() == "quirk")
        {
            failure = Check(alternative, answer, script, backend.Store);
        }

        Assert.True(failure is null, $"{name}: {failure}\nstatus {answer.Status}, body: {answer.Text}");
    }

    private static HttpRequestMessage BuildRequest(JsonObject request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request["method"]!.GetValue<string>()), request["path"]!.GetValue<string>());
        string? contentType = null;
        foreach (var (header, value) in request["headers"]?.AsObject() ?? [])
        {
            var text = value!.GetValue<string>();
            if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = text;
            }
            else if (!header.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !header.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(header, text);
            }
        }

        var body = request["raw_body"] is JsonValue raw ? raw.GetValue<string>() : request["body"]?.ToJsonString();
        if (body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        return message;
    }

    /// <summary>The first way <paramref name="answer"/> differs from <paramref name="expected"/>, or <see langword="null"/>.</summary>
    private static string? Check(JsonObject expected, Answer answer, ModelScript script, IStateStore store)
    {
        var status = expected["status"]!.GetValue<int>();
        if (answer.Status != status)
        {
            return $"status {answer.Status}, expected {status}";
        }

        foreach (var (header, value) in expected["headers"]?.AsObject() ?? [])
        {
            var wanted = value!.GetValue<string>();
            var actual = answer.Header(header);
            var matches = header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)
                ? actual is not null && MediaTypeHeaderValue.Parse(actual).MediaType == MediaTypeHeaderValue.Parse(wanted).MediaType
                : actual == wanted;
            if (!matches)
            {
                return $"header {header} is '{actual}', expected '{wanted}'";
            }
        }

        if (expected.ContainsKey("body") && !JsonAssert.SemanticEquals(expected["body"], answer.Json))
        {
            return $"body differs from {expected["body"]!.ToJsonString()}";
        }

        if (expected["body_partial"] is JsonObject partial)
        {
            foreach (var (key, value) in partial)
            {
                if (answer.Json is not JsonObject body || !JsonAssert.SemanticEquals(value, body[key]))
                {
                    return $"body member '{key}' differs from {value?.ToJsonString()}";
                }
            }
        }

        if (expected["body_text"] is JsonValue text && answer.Text != text.GetValue<string>())
        {
            return $"body text differs from '{text}'";
        }

        if (status >= 400 && status != 401 && EnvelopeProblem(answer, status) is { } envelopeProblem)
        {
            return envelopeProblem;
        }

        if (expected["model_calls"] is JsonArray calls && CallsProblem(calls, script.Calls) is { } callsProblem)
        {
            return callsProblem;
        }

        foreach (var (projectId, values) in expected["store_after"]?.AsObject() ?? [])
        {
            foreach (var (key, value) in values!.AsObject())
            {
                var wanted = value!.GetValue<string>();
                var actual = store.Get(projectId, key);
                // Values in <angle brackets> describe the value instead of giving it: only presence is checked.
                var descriptive = wanted.StartsWith('<') && wanted.EndsWith('>');
                if (actual is null || (!descriptive && actual != wanted))
                {
                    return $"store[{projectId}][{key}] is '{actual}', expected '{wanted}'";
                }
            }
        }

        return null;
    }

    private static string? EnvelopeProblem(Answer answer, int status)
    {
        if (answer.Json is not JsonObject envelope)
        {
            return "error body is not a JSON object";
        }

        string[] keys = ["detail", "request", "result", "status"];
        if (!envelope.Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(keys))
        {
            return $"error envelope keys are {string.Join(",", envelope.Select(p => p.Key))}";
        }

        if (envelope["status"]?.GetValue<int>() != status
            || envelope["detail"] is not JsonValue detail || detail.GetValue<string>().Length == 0
            || envelope["request"] is not JsonObject
            || envelope["result"]?["traceback"] is not JsonValue)
        {
            return "error envelope members have the wrong shape";
        }

        return null;
    }

    private static string? CallsProblem(JsonArray expected, IReadOnlyList<JsonObject> actual)
    {
        if (expected.Count != actual.Count)
        {
            return $"{actual.Count} model call(s), expected {expected.Count}";
        }

        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var (key, value) in expected[i]!.AsObject())
            {
                if (!JsonAssert.SemanticEquals(value, actual[i][key]))
                {
                    return $"model call {i} member '{key}' is {actual[i][key]?.ToJsonString() ?? "null"}, expected {value?.ToJsonString() ?? "null"}";
                }
            }
        }

        return null;
    }
}
