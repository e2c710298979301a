using System.Text.Json.Nodes;

namespace LabelStudio.ML.Tests.Support;

/// <summary>What a fixture's <c>model_under_test</c> says the model does, and a record of the calls it received.</summary>
internal sealed class ModelScript(JsonObject? modelUnderTest)
{
    private readonly List<JsonObject> _calls = [];

    public JsonObject? ModelUnderTest { get; } = modelUnderTest;

    public IReadOnlyList<JsonObject> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Record(JsonObject call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}

/// <summary>A model that does what a fixture scripts: stores values in setup, returns or raises in predict, returns in fit.</summary>
internal sealed class ScriptedModel(ModelScript script) : LabelStudioModel
{
    public override Task SetupAsync(CancellationToken cancellationToken)
    {
        if (script.ModelUnderTest?["setup_sets"] is JsonObject sets)
        {
            foreach (var (key, value) in sets)
            {
                State.Set(key, value!.GetValue<string>());
            }
        }

        return Task.CompletedTask;
    }

    public override Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var kwargs = new JsonObject();
        foreach (var (key, parameter) in request.Parameters)
        {
            kwargs[key] = parameter?.DeepClone();
        }

        script.Record(new JsonObject
        {
            ["method"] = "predict",
            ["tasks_count"] = request.RawTasks is JsonArray tasks ? tasks.Count : null,
            ["tasks"] = request.RawTasks?.DeepClone(),
            ["context"] = request.Context?.DeepClone(),
            ["kwargs"] = kwargs,
        });

        if (script.ModelUnderTest?["predict_raises"] is JsonObject raises)
        {
            throw ScriptedException.Create(raises["type"]!.GetValue<string>(), raises["message"]!.GetValue<string>());
        }

        if (script.ModelUnderTest?["predict_returns"] is not JsonObject returns)
        {
            return Task.FromResult<ModelResponse?>(null);
        }

        var value = returns["value"]?.DeepClone();
        return Task.FromResult(returns["kind"]!.GetValue<string>() switch
        {
            "ModelResponse" => ModelResponseJson.FromFixture(value!.AsObject()),
            "list" => ModelResponse.FromJson(value),
            "null" => null,
            var kind => throw new InvalidOperationException($"Unknown predict_returns kind '{kind}'."),
        });
    }

    public override Task<object?> FitAsync(TrainingEvent trainingEvent, CancellationToken cancellationToken)
    {
        script.Record(new JsonObject
        {
            ["method"] = "fit",
            ["event"] = trainingEvent.Action,
            ["data_keys"] = new JsonArray([.. trainingEvent.Data.Select(p => p.Key).Order(StringComparer.Ordinal).Select(key => (JsonNode?)JsonValue.Create(key))]),
            ["project_id"] = trainingEvent.ProjectId,
        });
        return Task.FromResult<object?>(script.ModelUnderTest?["fit_returns"]?.DeepClone());
    }
}

/// <summary>Exceptions named as the fixture's Python exception types, so <c>detail</c> reads "KeyError: …".</summary>
internal static class ScriptedException
{
    public static Exception Create(string type, string message) => type switch
    {
        "KeyError" => new KeyError(message),
        _ => new InvalidOperationException($"{type}: {message}"),
    };
}

#pragma warning disable CA1711 // The name must be the fixture's exception type name.
internal sealed class KeyError(string message) : Exception(message);
#pragma warning restore CA1711
