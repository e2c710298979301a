using System.Text.Json;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// A project's labelled examples, one per task, kept in a JSON file beside its model versions
/// (<c>$MODEL_DIR/&lt;project&gt;/&lt;name&gt;</c>) so that training from annotation events can use everything
/// annotated so far. Written atomically; training jobs of a project run one at a time, so no lock is needed.
/// </summary>
public sealed class ExampleStore<T>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _path;

    private ExampleStore(string path, SortedDictionary<long, T> examples)
    {
        _path = path;
        Examples = examples;
    }

    /// <summary>The examples by task id.</summary>
    public SortedDictionary<long, T> Examples { get; }

    /// <summary>Opens (or starts) the store of the project whose folder is <paramref name="projectDirectory"/>.</summary>
    public static ExampleStore<T> Open(string projectDirectory, string name)
    {
        var path = Path.Combine(projectDirectory, name);
        var examples = File.Exists(path)
            ? JsonSerializer.Deserialize<SortedDictionary<long, T>>(File.ReadAllText(path), Json) ?? []
            : new SortedDictionary<long, T>();
        return new ExampleStore<T>(path, examples);
    }

    /// <summary>Writes the examples back (to a temporary file first, then moved over the old one).</summary>
    public void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(Examples, Json));
        File.Move(temporary, _path, overwrite: true);
    }
}
