using LabelStudio.ML.Examples.Text;

namespace HuggingFaceNer;

/// <summary>One annotated task: its text and the labelled spans (code-point offsets, end exclusive).</summary>
/// <param name="AnnotationId">The annotation it came from, so that deleting that annotation removes it.</param>
/// <param name="Text">The task's text.</param>
/// <param name="Spans">The entities as Label Studio stores them.</param>
public sealed record NerExample(long? AnnotationId, string Text, IReadOnlyList<EntitySpan> Spans) : IAnnotatedExample;

/// <summary>A labelled span in code points, as Label Studio counts.</summary>
/// <param name="Start">First code point.</param>
/// <param name="End">Code point just past the span.</param>
/// <param name="Label">The entity type.</param>
public sealed record EntitySpan(int Start, int End, string Label);
