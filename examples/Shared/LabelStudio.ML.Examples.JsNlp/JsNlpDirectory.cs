namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>Where the model files are: <c>jsnlp/</c> next to the application, where the build copies them.</summary>
internal static class JsNlpDirectory
{
    /// <summary>The folder, or a clear error when the build did not put the files there.</summary>
    public static string Locate()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "jsnlp");
        if (!File.Exists(Path.Combine(directory, "node_modules", "compromise", "builds", "compromise.js")))
        {
            throw new FileNotFoundException(
                $"The JavaScript NLP models are missing from {directory}. They are installed by the build (npm ci in " +
                "examples/Shared/LabelStudio.ML.Examples.JsNlp/js) and copied there; build the project again with npm on the PATH.");
        }

        return directory;
    }
}
