using System.Collections.Concurrent;
using LabelStudio.ML.Examples.Vision;

namespace Yolo;

/// <summary>
/// The YOLO ONNX models the label config names, loaded once per file and shared by every request and project. A
/// file that fails to load is retried on the next request (the user may fix it meanwhile). A singleton.
/// </summary>
public sealed class YoloModelCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<YoloOnnxModel>> _models = new(StringComparer.Ordinal);

    /// <summary>The model at <paramref name="path"/>, checked to do <paramref name="task"/> for <paramref name="control"/>.</summary>
    /// <returns>The model.</returns>
    /// <exception cref="AnswerException">422: the file is missing, is no YOLO export, or does another task; the message names the file and the expected signature.</exception>
    public YoloOnnxModel Get(string path, YoloTask task, YoloControl control, LabelStudioTask forTask)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(forTask);
        var lazy = _models.GetOrAdd(path, key => new Lazy<YoloOnnxModel>(() => YoloOnnxModel.Load(key)));
        try
        {
            var model = lazy.Value;
            model.Require(task, control.Describe());
            return model;
        }
        catch (InvalidDataException error)
        {
            if (lazy.IsValueCreated is false)
            {
                _models.TryRemove(new KeyValuePair<string, Lazy<YoloOnnxModel>>(path, lazy));
            }

            throw new AnswerException(422, $"Task {forTask.Id}: {control.Describe()} cannot use its model: {error.Message}");
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var model in _models.Values.Where(lazy => lazy.IsValueCreated))
        {
            model.Value.Dispose();
        }
    }
}
