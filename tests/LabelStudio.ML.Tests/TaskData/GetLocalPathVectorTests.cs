using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>
/// Every case of <c>vectors/get_local_path.json</c>, through the real <see cref="ML.TaskData"/> over real HTTP: the
/// vector's hosts (<c>192.168.1.10:8080</c>, <c>example.com</c>, …) are connected to a fake Label Studio on loopback,
/// which records each GET as addressed (scheme, Host header, raw target) with its Authorization header.
/// </summary>
public sealed class GetLocalPathVectorTests
{
    /// <summary>
    /// The category each error case must carry. The vector's Python error types map as: HTTP 403 → Unauthorized,
    /// HTTP 404 → NotFound, missing/invalid LABEL_STUDIO_URL or key → NotConfigured, cloud URI without task id →
    /// InvalidInput, and a bare path outside the allowed folders → Refused (SPEC §13, QUIRK-16).
    /// </summary>
    private static readonly Dictionary<string, TaskDataErrorCategory> ExpectedCategories = new()
    {
        ["ls_upload_both_fail"] = TaskDataErrorCategory.Unauthorized,
        ["s3_without_task_id"] = TaskDataErrorCategory.InvalidInput,
        ["upload_without_hostname"] = TaskDataErrorCategory.NotConfigured,
        ["upload_without_token"] = TaskDataErrorCategory.NotConfigured,
        ["hostname_without_scheme"] = TaskDataErrorCategory.NotConfigured,
        ["plain_local_path"] = TaskDataErrorCategory.Refused,
        ["http_error_no_fallback"] = TaskDataErrorCategory.NotFound,
    };

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var item in Cases())
        {
            names.Add(item["name"]!.GetValue<string>());
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Case_resolves_as_the_vector_says(string name)
    {
        var vector = Cases().Single(item => item["name"]!.GetValue<string>() == name);
        var input = vector["input"]!.AsObject();
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.RequireAuth = false;
        fake.ServeAnything = true;
        foreach (var status in input["simulated_http_statuses"]!.AsArray())
        {
            fake.ScriptedStatuses.Enqueue(status!.GetValue<int>());
        }

        await using var harness = TaskDataHarness.Create(
            options =>
            {
                options.Url = input["hostname"]?.GetValue<string>();
                options.ApiKey = input["access_token"]?.GetValue<string>();
                options.VerifySsl = false; // the fake's https port has a self-signed certificate
            },
            connectTo: fake);
        var taskId = input["task_id"]?.GetValue<long>();

        var act = harness.TaskData.GetLocalPathAsync(input["url"]!.GetValue<string>(), taskId);

        if (vector["cache_file_name"] is { } expectedName)
        {
            var path = await act;
            Assert.Equal(expectedName.GetValue<string>(), Path.GetFileName(path));
            Assert.Equal(Path.GetFullPath(harness.CacheDir), Path.GetDirectoryName(path));
            Assert.True(File.Exists(path));
        }
        else
        {
            var error = await Assert.ThrowsAsync<TaskDataException>(() => act);
            Assert.Equal(ExpectedCategories[name], error.Category);
            Assert.Empty(harness.CacheFiles());
        }

        var expectedGets = vector["http_gets"]!.AsArray()
            .Select(get => (get!["url"]!.GetValue<string>(), get["authorization"]?.GetValue<string>()))
            .ToList();
        Assert.Equal(expectedGets, fake.Gets.Select(get => (get.Url, get.Authorization)).ToList());
    }

    private static IEnumerable<JsonObject> Cases() =>
        JsonNode.Parse(File.ReadAllText(FixturePaths.Vector("get_local_path.json")))!["cases"]!.AsArray().Select(item => item!.AsObject());
}
