namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>
/// An entity found in a text: its type as the model names it (see <see cref="JsEntityTypes"/>) and its place as C#
/// string indexes (UTF-16 code units, <paramref name="End"/> exclusive).
/// </summary>
public readonly record struct JsEntity(string Type, int Start, int End)
{
    /// <summary>The entity's characters in <paramref name="text"/>.</summary>
    public string TextIn(string text) => text[Start..End];
}
