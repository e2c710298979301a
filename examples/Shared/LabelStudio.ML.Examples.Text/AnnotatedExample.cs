namespace LabelStudio.ML.Examples.Text;

/// <summary>A stored training example that remembers the annotation it came from, so that deleting that annotation removes it.</summary>
public interface IAnnotatedExample
{
    /// <summary>The annotation's id, when it had one.</summary>
    long? AnnotationId { get; }
}
