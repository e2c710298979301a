namespace NemoAsr;

/// <summary>
/// Changes the sample rate with a Hann-windowed sinc filter whose cut-off sits below the lower of the two Nyquist
/// frequencies, so that downsampling does not fold high frequencies into the speech band.
/// </summary>
internal static class Resampler
{
    // Zero crossings of the sinc on each side of a sample: more is sharper and slower.
    private const int Lobes = 8;

    public static float[] Resample(float[] input, int fromRate, int toRate)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (fromRate == toRate || input.Length == 0)
        {
            return input;
        }

        var step = (double)fromRate / toRate;
        var cutoff = 0.95 * Math.Min(1.0, (double)toRate / fromRate);
        var halfWidth = Lobes / cutoff;
        var output = new float[(int)Math.Floor(input.Length / step)];
        for (var i = 0; i < output.Length; i++)
        {
            var centre = i * step;
            var first = Math.Max(0, (int)Math.Ceiling(centre - halfWidth));
            var last = Math.Min(input.Length - 1, (int)Math.Floor(centre + halfWidth));
            double sum = 0, weights = 0;
            for (var k = first; k <= last; k++)
            {
                var t = k - centre;
                var sinc = t == 0 ? 1.0 : Math.Sin(Math.PI * cutoff * t) / (Math.PI * cutoff * t);
                var window = 0.5 + 0.5 * Math.Cos(Math.PI * t / halfWidth);
                var weight = sinc * window;
                sum += input[k] * weight;
                weights += weight;
            }

            // Dividing by the weights keeps a constant signal constant whatever the fractional position.
            output[i] = weights == 0 ? 0 : (float)Math.Clamp(sum / weights, -1, 1);
        }

        return output;
    }
}
