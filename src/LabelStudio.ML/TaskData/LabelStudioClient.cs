using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML;

/// <summary>
/// A small client of Label Studio's REST API for training from all annotations: a project (with its label config)
/// and its tasks, page by page. Uses <c>LABEL_STUDIO_URL</c> and <c>LABEL_STUDIO_API_KEY</c> with the same token
/// handling as <see cref="TaskData"/>; failures are <see cref="TaskDataException"/>s.
/// </summary>
/// <remarks>A singleton: take it in the model's constructor.</remarks>
public sealed class LabelStudioClient
{
    /// <summary>The page size <see cref="ListTasksAsync"/> uses unless told otherwise.</summary>
    public const int DefaultPageSize = 100;

    private readonly LabelStudioHttp _http;

    internal LabelStudioClient(LabelStudioHttp http) => _http = http;

    /// <summary>Gets the project: <c>GET /api/projects/{id}/</c> (its <c>title</c>, <c>label_config</c>, …).</summary>
    /// <param name="projectId">The project id (for a model, <c>long.Parse(ProjectId)</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TaskDataException">Label Studio is not configured, refused the token, or has no such project.</exception>
    public async Task<JsonObject> GetProjectAsync(long projectId, CancellationToken cancellationToken = default) =>
        await GetJsonAsync($"/api/projects/{projectId.ToString(CultureInfo.InvariantCulture)}/", cancellationToken).ConfigureAwait(false) as JsonObject
        ?? throw Unexpected($"/api/projects/{projectId}/", "a project object");

    /// <summary>Gets the project's label config XML.</summary>
    /// <inheritdoc cref="GetProjectAsync" path="/param"/>
    /// <exception cref="TaskDataException">Label Studio is not configured, refused the token, or has no such project.</exception>
    public async Task<string> GetLabelConfigAsync(long projectId, CancellationToken cancellationToken = default)
    {
        var project = await GetProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
        return project["label_config"]?.GetValue<string>() ?? throw Unexpected($"/api/projects/{projectId}/", "a project with a label_config");
    }

    /// <summary>
    /// Lists every task of the project with its annotations, one page at a time:
    /// <c>GET /api/tasks?project={id}&amp;fields=all&amp;page={n}&amp;page_size={size}</c>, which answers
    /// <c>{"tasks": […], "total": n}</c>. Keep tasks whose <see cref="LabelStudioTask.Annotations"/> are not empty to train.
    /// </summary>
    /// <param name="projectId">The project id.</param>
    /// <param name="pageSize">Tasks per request (1–1000).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <exception cref="TaskDataException">Label Studio is not configured, refused the token, or failed.</exception>
    public async IAsyncEnumerable<LabelStudioTask> ListTasksAsync(
        long projectId, int pageSize = DefaultPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        long seen = 0;
        for (var page = 1; ; page++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"/api/tasks?project={projectId}&fields=all&page={page}&page_size={pageSize}");
            var answer = await GetJsonAsync(path, cancellationToken, pastTheEnd: page > 1).ConfigureAwait(false);
            var (tasks, total) = answer switch
            {
                null => ([], null),
                JsonArray array => (array, null),
                JsonObject obj when obj["tasks"] is JsonArray array => (array, obj["total"] is JsonValue value && value.TryGetValue<long>(out var count) ? count : (long?)null),
                _ => throw Unexpected(path, "{\"tasks\": [...]}"),
            };
            foreach (var task in tasks.OfType<JsonObject>())
            {
                seen++;
                yield return new LabelStudioTask((JsonObject)task.DeepClone());
            }

            if (tasks.Count < pageSize || (total is { } all && seen >= all))
            {
                yield break;
            }
        }
    }

    /// <summary>Gets a JSON document from Label Studio; <see langword="null"/> for a 404 past the last page.</summary>
    internal async Task<JsonNode?> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken, bool pastTheEnd = false)
    {
        var settings = _http.Options;
        var url = LabelStudioAddress.Join(LabelStudioAddress.Require(settings, "Label Studio's API", pathAndQuery), pathAndQuery);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await _http.GetAsync(url, timeout.Token).ConfigureAwait(false);
            if (pastTheEnd && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw _http.StatusError(response, url);
            }

            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                return await JsonNode.ParseAsync(body, cancellationToken: timeout.Token).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw new TaskDataException(
                TaskDataErrorCategory.Unavailable,
                $"{url} did not answer JSON ({ex.Message}): check that LABEL_STUDIO_URL is Label Studio's address, not a proxy's login page.",
                url,
                innerException: ex);
        }
        catch (Exception ex) when (ex is not TaskDataException)
        {
            throw LabelStudioHttp.Translate(ex, url, cancellationToken, settings);
        }
    }

    private static TaskDataException Unexpected(string path, string expected) => new(
        TaskDataErrorCategory.Unavailable,
        $"Label Studio answered {path} without {expected}: check that LABEL_STUDIO_URL is Label Studio's address and its version is 1.8 or later.",
        path);
}
