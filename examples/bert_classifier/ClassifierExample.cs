using LabelStudio.ML.Examples.Text;

namespace BertClassifier;

/// <summary>One annotated task as the head learns from it.</summary>
/// <param name="AnnotationId">The annotation it came from, so that deleting that annotation removes it.</param>
/// <param name="Label">The chosen class.</param>
/// <param name="Embedding">The text's MiniLM sentence embedding, kept so that retraining needs no new encoding.</param>
public sealed record ClassifierExample(long? AnnotationId, string Label, float[] Embedding) : IAnnotatedExample;
