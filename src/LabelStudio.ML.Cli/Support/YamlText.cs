using System.Text.Json;

namespace LabelStudio.ML.Cli.Support;

/// <summary>Scalars for hand-written YAML: every string double-quoted (a JSON string is a valid YAML scalar), so no value can change the structure.</summary>
internal static class YamlText
{
    public static string Quote(string value) => JsonSerializer.Serialize(value);
}
