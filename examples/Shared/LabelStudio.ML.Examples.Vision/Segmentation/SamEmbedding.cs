namespace LabelStudio.ML.Examples.Vision;

/// <summary>What the SAM encoder made of one image: its output tensors by name, kept for every later click.</summary>
public sealed class SamEmbedding
{
    internal SamEmbedding(IReadOnlyDictionary<string, (float[] Data, int[] Dimensions)> tensors, ImageSize image)
    {
        Tensors = tensors;
        Image = image;
        Bytes = tensors.Values.Sum(t => (long)t.Data.Length * sizeof(float));
    }

    /// <summary>The encoder's outputs by name.</summary>
    internal IReadOnlyDictionary<string, (float[] Data, int[] Dimensions)> Tensors { get; }

    /// <summary>The size of the image that was encoded.</summary>
    public ImageSize Image { get; }

    /// <summary>The memory the tensors take.</summary>
    public long Bytes { get; }
}
