using LabelStudio.ML;

namespace NemoAsr;

/// <summary>
/// Speech recognition for Label Studio (<c>TextArea</c> → <c>Audio</c>): each task's audio is read through
/// <see cref="LabelStudioModel.TaskData"/> (an upload, a storage file, a URL…), decoded to 16 kHz mono and transcribed
/// by the configured engine (PocketSphinx by default, Whisper with a user-supplied model). The transcript is
/// pre-annotated as one <c>textarea</c> result per task. Nothing is trained.
/// </summary>
public sealed class NemoAsrModel(SpeechRecognizerHolder recognizers, AudioLoader audio) : LabelStudioModel
{
    /// <inheritdoc />
    public override async Task<ModelResponse?> PredictAsync(PredictRequest request, CancellationToken cancellationToken)
    {
        var tag = Config.FirstTag("TextArea", "Audio");
        var objectTag = Config.GetObject(tag.ToName);
        ISpeechRecognizer recognizer;
        try
        {
            recognizer = recognizers.Get();
        }
        catch (SpeechEngineException ex)
        {
            // The backend's own configuration, not the tasks: a server error whose detail says what to fix.
            throw new AnswerException(500, ex.Message, ex);
        }

        var predictions = new List<Prediction>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            var url = objectTag.ResolveText(task.Data, task.Id);
            var path = await TaskData.GetLocalPathAsync(url, task.Id, cancellationToken);
            float[] samples;
            try
            {
                samples = await audio.LoadAsync(path, cancellationToken);
            }
            catch (UnsupportedAudioException ex)
            {
                throw new AnswerException(422, $"Task {task.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "without id"}: the audio in data key '{objectTag.ValueName}' cannot be transcribed: {ex.Message}.", ex);
            }

            var transcript = await recognizer.TranscribeAsync(samples, cancellationToken);
            predictions.Add(transcript.Text.Length == 0
                ? new Prediction([])
                : new Prediction([Region.TextArea(tag, transcript.Text).WithScore(transcript.Score)], transcript.Score));
        }

        return new ModelResponse(predictions, $"{recognizer.Name}-v1");
    }
}
