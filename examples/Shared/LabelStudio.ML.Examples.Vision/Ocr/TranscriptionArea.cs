namespace LabelStudio.ML.Examples.Vision.Ocr;

/// <summary>Where the OCR examples put the text they read: the label config's per-region <c>TextArea</c> on the image.</summary>
public static class TranscriptionArea
{
    /// <summary>The first <c>TextArea</c> control on the object <paramref name="imageName"/>, matched to it.</summary>
    /// <returns>The control and the image.</returns>
    /// <exception cref="AnswerException">422: the config has no such control; the message shows the line to add.</exception>
    public static TagMatch On(LabelConfig config, string imageName)
    {
        ArgumentNullException.ThrowIfNull(config);
        var textArea = config.Controls.FirstOrDefault(control =>
            control.Tag.Equals("TextArea", StringComparison.OrdinalIgnoreCase) && control.ToNames.Contains(imageName, StringComparer.Ordinal));
        return textArea?.Match(imageName)
            ?? throw new AnswerException(422, $"The label config has no TextArea on the image '{imageName}' to put the recognised text in (add <TextArea name=\"transcription\" toName=\"{imageName}\" perRegion=\"true\"/>).");
    }
}
