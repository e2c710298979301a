namespace NemoAsr;

/// <summary>Decoded audio: mono samples from −1 to 1 at <see cref="SampleRate"/>.</summary>
/// <param name="Samples">The samples, channels already averaged.</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record PcmAudio(float[] Samples, int SampleRate)
{
    /// <summary>The length in seconds.</summary>
    public double Seconds => (double)Samples.Length / SampleRate;
}
