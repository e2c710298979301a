using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.TaskData;

/// <summary>The API client for training: the project, its label config, and every task page by page.</summary>
public sealed class LabelStudioClientTests
{
    [Fact]
    public async Task Lists_every_task_of_the_project_across_pages_with_annotations()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        for (var i = 1; i <= 7; i++)
        {
            fake.Tasks.Add(new JsonObject
            {
                ["id"] = i,
                ["project"] = i == 7 ? 2 : 1,
                ["data"] = new JsonObject { ["text"] = $"t{i}" },
                ["annotations"] = i % 2 == 0 ? new JsonArray(new JsonObject { ["result"] = new JsonArray() }) : new JsonArray(),
            });
        }

        await using var harness = TaskDataHarness.For(fake, fake.IssuePersonalAccessToken());

        var tasks = new List<LabelStudioTask>();
        await foreach (var task in harness.Client.ListTasksAsync(1, pageSize: 2))
        {
            tasks.Add(task);
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], tasks.Select(task => task.Id!.Value));
        Assert.Equal([2L, 4, 6], tasks.Where(task => task.Annotations.Count > 0).Select(task => task.Id!.Value));
        var pages = fake.Gets.Where(get => get.Path == "/api/tasks").ToList();
        Assert.Equal(3, pages.Count);
        Assert.EndsWith("/api/tasks?project=1&fields=all&page=1&page_size=2", pages[0].Url, StringComparison.Ordinal);
        Assert.All(pages, page => Assert.StartsWith("Bearer ", page.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_last_page_that_is_full_ends_on_the_404_past_the_end()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        for (var i = 1; i <= 4; i++)
        {
            fake.Tasks.Add(new JsonObject { ["id"] = i, ["project"] = 1, ["data"] = new JsonObject() });
        }

        await using var harness = TaskDataHarness.For(fake);
        var count = 0;
        await foreach (var _ in harness.Client.ListTasksAsync(1, pageSize: 2))
        {
            count++;
        }

        Assert.Equal(4, count);
    }

    [Fact]
    public async Task Gets_the_project_and_its_label_config()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        fake.LabelConfig = "<View><Image name=\"image\" value=\"$image\"/></View>";
        await using var harness = TaskDataHarness.For(fake);

        var project = await harness.Client.GetProjectAsync(12);
        var config = await harness.Client.GetLabelConfigAsync(12);

        Assert.Equal(12, project["id"]!.GetValue<long>());
        Assert.Equal(fake.LabelConfig, config);
    }

    [Fact]
    public async Task A_refused_token_is_Unauthorized()
    {
        await using var fake = await FakeLabelStudio.StartAsync();
        await using var harness = TaskDataHarness.For(fake, "wrong");

        var error = await Assert.ThrowsAsync<TaskDataException>(() => harness.Client.GetProjectAsync(1));

        Assert.Equal(TaskDataErrorCategory.Unauthorized, error.Category);
        Assert.Contains("/api/projects/1/", error.Message, StringComparison.Ordinal);
    }
}
