using Microsoft.ML.OnnxRuntime;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// What differs between the Segment Anything exports (<see cref="SamFamily"/>): how the image is fitted into the
/// encoder's square, which encoder outputs the decoder takes under which names, and which decoder inputs must exist.
/// The prompt inputs (points, labels, mask input) are common and filled by <see cref="SamOnnxSegmenter"/>.
/// </summary>
internal abstract class SamDecoderAdapter
{
    public abstract SamFamily Family { get; }

    /// <summary>The decoder inputs besides the embedding ones that this export must have.</summary>
    public abstract IReadOnlyList<string> RequiredPromptInputs { get; }

    /// <summary>Where the image goes in the encoder's input of side <paramref name="inputSize"/>.</summary>
    public abstract SamFrame Frame(ImageSize image, int inputSize);

    /// <summary>Whether the encoder's outputs are what this decoder needs.</summary>
    public abstract bool AcceptsEncoderOutputs(IReadOnlyDictionary<string, NodeMetadata> outputs);

    /// <summary>The encoder's outputs under the names of the decoder's inputs.</summary>
    public abstract Dictionary<string, (float[] Data, int[] Dimensions)> DecoderInputs(IReadOnlyList<(string Name, float[] Data, int[] Dimensions)> encoderOutputs);

    /// <summary>The adapter whose decoder the inputs describe, or <see langword="null"/> when none fits.</summary>
    public static SamDecoderAdapter? For(IReadOnlyDictionary<string, NodeMetadata> decoderInputs)
    {
        SamDecoderAdapter? adapter = decoderInputs.ContainsKey("image_embeddings") ? new SamV1Adapter()
            : Sam2Adapter.Features.All(decoderInputs.ContainsKey) ? new Sam2Adapter()
            : null;
        return adapter is not null && adapter.RequiredPromptInputs.All(decoderInputs.ContainsKey) ? adapter : null;
    }
}
