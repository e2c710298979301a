namespace LabelStudio.ML.Examples.Text;

/// <summary>Reads the text a task shows in an object tag, inline or by reference.</summary>
public static class TaskTexts
{
    /// <summary>
    /// The text of <paramref name="task"/> for object <paramref name="objectName"/>: the data value itself, or the
    /// document it points to (an upload, a storage file, a URL with <c>valueType="url"</c>) read through
    /// <paramref name="taskData"/>.
    /// </summary>
    /// <exception cref="AnswerException">422 when the task lacks the data key (the message names task and key).</exception>
    public static async Task<string> ReadAsync(LabelConfig config, TaskData taskData, LabelStudioTask task, string objectName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(taskData);
        ArgumentNullException.ThrowIfNull(task);
        var value = config.GetObject(objectName).ResolveText(task.Data, task.Id);
        return taskData.IsReference(value) ? await taskData.ReadTextAsync(value, task.Id, cancellationToken).ConfigureAwait(false) : value;
    }
}
