using System.Text.Json.Nodes;
using LabelStudio.ML.Tests.Support;
using Xunit;

namespace LabelStudio.ML.Tests.Responses;

public sealed class ModelResponseTests
{
    private static readonly TagMatch Sentiment = new("sentiment", "text", "text");

    /// <summary>Every predict fixture whose scripted model returns a value and whose reply is 200.</summary>
    public static TheoryData<string> PredictFixtures() => [.. PredictFixtureNames()];

    private static IEnumerable<string> PredictFixtureNames() =>
        Directory.GetFiles(FixturePaths.Root, "predict_*.json")
            .Order(StringComparer.Ordinal)
            .Where(path =>
            {
                var fixture = JsonNode.Parse(File.ReadAllText(path))!;
                return fixture["server_config"]?["model_under_test"]?["predict_returns"] is not null
                    && fixture["expect"]!["status"]!.GetValue<int>() == 200;
            })
            .Select(path => Path.GetFileNameWithoutExtension(path));

    [Fact]
    public void Fixtures_named_in_the_contract_are_covered()
    {
        var names = PredictFixtureNames().ToList();

        Assert.Contains("predict_batch", names);
        Assert.Contains("predict_image_rectangles", names);
        Assert.Contains("predict_interactive_keypoint_sam", names);
        Assert.Contains("predict_missing_project", names);
        Assert.Contains("predict_ner_legacy_list", names);
    }

    [Theory]
    [MemberData(nameof(PredictFixtures))]
    public void Results_match_the_fixture(string name)
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(FixturePaths.Root, name + ".json")))!;
        var config = fixture["server_config"]!;
        var returned = config["model_under_test"]!["predict_returns"]!;
        // A fresh project's stored version is the model's default, 0.0.1 (SPEC §4.5).
        var storedVersion = config["store_before"]?.AsObject().Select(project => project.Value?["model_version"]?.GetValue<string>()).FirstOrDefault(version => version is not null);

        var response = returned["kind"]!.GetValue<string>() switch
        {
            "ModelResponse" => ModelResponseJson.FromFixture(returned["value"]!.AsObject()),
            "list" => ModelResponse.FromJson(returned["value"]),
            var kind => throw new InvalidOperationException($"unexpected kind {kind}"),
        };

        JsonAssert.Equal(fixture["expect"]!["body"]!["results"], response.ToResults(storedVersion ?? "0.0.1"));
    }

    [Fact]
    public void Prediction_has_exactly_version_score_and_result_with_score_defaulting_to_zero()
    {
        var response = new ModelResponse([new Prediction([Region.Choices(Sentiment, "Positive", id: "c1")])], "v1");

        JsonAssert.Equal(
            JsonNode.Parse("""[{"model_version": "v1", "score": 0.0, "result": [{"id": "c1", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Positive"]}}]}]"""),
            response.ToResults("stored"));
    }

    [Theory]
    [InlineData(null, "stored", null, "stored")]    // no response version: the stored one
    [InlineData("", "stored", "", "stored")]        // empty counts as missing, on both levels
    [InlineData("resp", "stored", null, "resp")]    // the response's version wins over the stored one
    [InlineData("resp", "stored", "own", "own")]    // a prediction keeps its own version
    [InlineData(null, "stored", "own", "own")]
    [InlineData(null, null, null, null)]            // nothing to stamp: stays null
    [InlineData(null, "", "", "")]
    public void Version_stamping(string? responseVersion, string? storedVersion, string? predictionVersion, string? expected)
    {
        var response = new ModelResponse([new Prediction([], 0.5, predictionVersion)], responseVersion);

        var results = response.ToResults(storedVersion)!.AsArray();

        Assert.Equal(expected, results[0]!["model_version"]?.GetValue<string>());
        Assert.True(results[0]!.AsObject().ContainsKey("model_version"));
    }

    [Fact]
    public void Several_predictions_for_a_task_become_an_array_and_none_a_placeholder()
    {
        var response = ModelResponse.PerTask(
            [
                [new Prediction([], 0.9)],
                [new Prediction([], 0.7), new Prediction([], 0.2, "other")],
                [],
            ],
            "v2");

        JsonAssert.Equal(
            JsonNode.Parse(
                """
                [{"model_version": "v2", "score": 0.9, "result": []},
                 [{"model_version": "v2", "score": 0.7, "result": []}, {"model_version": "other", "score": 0.2, "result": []}],
                 {"model_version": "v2", "score": 0.0, "result": []}]
                """),
            response.ToResults(null));
    }

    [Fact]
    public void Relations_are_appended_flat_after_all_regions()
    {
        var tag = new TagMatch("label", "text", "text");
        var person = Region.SpanFromCodePoints(tag, "Ann at Acme", 0, 3, ["PER"], id: "e1");
        var company = Region.SpanFromCodePoints(tag, "Ann at Acme", 7, 11, ["ORG"], id: "e2");
        var relation = Region.Relation(person, company, labels: ["works_for"]);

        var prediction = new Prediction([person, relation, company]);

        Assert.Equal(["e1", "e2", null], prediction.Result.Select(region => region.Id));
        var result = new ModelResponse([prediction]).ToResults("v")![0]!["result"]!.AsArray();
        Assert.Equal(3, result.Count);
        JsonAssert.Equal(JsonNode.Parse("""{"from_id": "e1", "to_id": "e2", "type": "relation", "direction": "right", "labels": ["works_for"]}"""), result[2]);
    }

    [Fact]
    public void Empty_response_has_no_results()
    {
        JsonAssert.Equal(new JsonArray(), ModelResponse.Empty.ToResults("0.0.1"));
    }

    [Fact]
    public void Legacy_array_is_passed_verbatim_without_stamping()
    {
        var legacy = JsonNode.Parse("""[{"result": [], "task": 5, "cluster": 2}, [{"result": [], "model_version": null}]]""");

        JsonAssert.Equal(legacy!.DeepClone(), ModelResponse.FromJson(legacy).ToResults("stored"));
    }

    [Fact]
    public void Legacy_object_contributes_its_predictions_member()
    {
        var legacy = JsonNode.Parse("""{"model_version": "x", "predictions": [{"result": [], "extra": true}]}""");

        JsonAssert.Equal(JsonNode.Parse("""[{"result": [], "extra": true}]"""), ModelResponse.FromJson(legacy).ToResults("stored"));
    }

    [Fact]
    public void Legacy_object_without_predictions_is_sent_itself()
    {
        var legacy = JsonNode.Parse("""{"result": [], "score": 1}""");

        JsonAssert.Equal(JsonNode.Parse("""{"result": [], "score": 1}"""), ModelResponse.FromJson(legacy).ToResults("stored"));
    }

    [Fact]
    public void Legacy_null_becomes_an_empty_list()
    {
        JsonAssert.Equal(new JsonArray(), ModelResponse.FromJson(null).ToResults("stored"));
    }

    [Fact]
    public void Legacy_value_is_copied()
    {
        var legacy = new JsonArray(new JsonObject { ["result"] = new JsonArray() });
        var response = ModelResponse.FromJson(legacy);

        legacy.Add(1);

        Assert.Single(response.ToResults(null)!.AsArray());
    }

    [Fact]
    public void NaN_in_a_region_names_the_field()
    {
        var box = Region.Rectangle(new("box", "image", "image"), new ImageSize(10, 10), double.NaN, 1, 2, 3);
        var response = new ModelResponse([new Prediction([Region.Choices(Sentiment, "A"), box])]);

        var error = Assert.Throws<NonFiniteNumberException>(() => response.ToResults("v"));

        Assert.Equal("prediction 0: result[1].value.x is NaN; Label Studio cannot read non-finite numbers", error.Message);
        Assert.Equal("[0].result[1].value.x", error.Path);
    }

    [Fact]
    public void Infinite_score_of_a_second_prediction_for_a_task_names_both_indices()
    {
        var response = ModelResponse.PerTask([[new Prediction([])], [new Prediction([]), new Prediction([], double.NegativeInfinity)]]);

        var error = Assert.Throws<NonFiniteNumberException>(() => response.ToResults("v"));

        Assert.StartsWith("prediction 1[1]: score is -Infinity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_numbers_in_pass_through_json_are_caught()
    {
        var legacy = new JsonArray(new JsonObject
        {
            ["result"] = new JsonArray(new JsonObject { ["value"] = new JsonObject { ["number"] = JsonValue.Create(float.PositiveInfinity) } }),
        });

        var error = Assert.Throws<NonFiniteNumberException>(() => ModelResponse.FromJson(legacy).ToResults(null));

        Assert.StartsWith("prediction 0: result[0].value.number is Infinity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_number_in_a_region_made_from_json_is_caught()
    {
        var region = Region.FromJson(new JsonObject { ["type"] = "number", ["value"] = new JsonObject { ["number"] = double.NaN } });

        Assert.Throws<NonFiniteNumberException>(() => new ModelResponse([new Prediction([region])]).ToResults(null));
    }

    [Fact]
    public void Finite_results_serialize()
    {
        var response = new ModelResponse([new Prediction([Region.Number(new("n", "t", "t"), 0.1 + 0.2, id: "n1")], 0.5)], "v");

        var text = response.ToResults(null)!.ToJsonString();

        Assert.Contains("0.30000000000000004", text, StringComparison.Ordinal);
    }
}
