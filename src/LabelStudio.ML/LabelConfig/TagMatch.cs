namespace LabelStudio.ML;

/// <summary>
/// A control tag paired with one of its object tags: what <c>LabelConfig.FirstTag</c>
/// finds and what region builders take to fill <c>from_name</c> and <c>to_name</c>.
/// </summary>
/// <param name="FromName">The control tag's <c>name</c> (the region's <c>from_name</c>).</param>
/// <param name="ToName">The object tag's <c>name</c> (the region's <c>to_name</c>).</param>
/// <param name="Value">The task data key the object shows (<c>$text</c> → <c>text</c>).</param>
public readonly record struct TagMatch(string FromName, string ToName, string Value);
