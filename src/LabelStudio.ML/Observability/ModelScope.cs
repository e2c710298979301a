using System.Collections;
using System.Globalization;
using System.Text;

namespace LabelStudio.ML;

/// <summary>
/// The log scope around a model call: the project, the task ids and the model version, as structured fields (the JSON
/// console formatter writes them with every line logged inside). One allocation; the text form is only built if a
/// logger prints it. Carries ids only, never task data or credentials.
/// </summary>
internal sealed class ModelScope(string projectId, string? modelVersion, IReadOnlyList<LabelStudioTask>? tasks, string? jobId = null)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    private string? _text;
    private string? _taskIds;

    public int Count => jobId is null ? 3 : 4;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("ProjectId", projectId),
        1 => new("ModelVersion", modelVersion),
        2 => new("TaskIds", TaskIds()),
        3 when jobId is not null => new("JobId", jobId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _text ??= jobId is null
        ? $"project {projectId}, model version {modelVersion ?? "-"}, tasks {TaskIds()}"
        : $"project {projectId}, model version {modelVersion ?? "-"}, training job {jobId}";

    private string TaskIds() => _taskIds ??= FormatTaskIds();

    private string FormatTaskIds()
    {
        if (tasks is null || tasks.Count == 0)
        {
            return string.Empty;
        }

        // Long batches are cut: the scope is for finding a request, not for listing thousands of ids per line.
        const int Shown = 20;
        var text = new StringBuilder();
        for (var i = 0; i < tasks.Count && i < Shown; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(tasks[i].Id?.ToString(CultureInfo.InvariantCulture) ?? "?");
        }

        return tasks.Count > Shown ? text.Append(CultureInfo.InvariantCulture, $",… ({tasks.Count} tasks)").ToString() : text.ToString();
    }
}
