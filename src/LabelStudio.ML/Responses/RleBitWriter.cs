namespace LabelStudio.ML;

/// <summary>
/// Appends bit fields MSB first into a growing byte buffer: the output side of the brush RLE
/// (SPEC §6.4). A 64-bit accumulator collects bits so that whole bytes are stored at once and no
/// allocation happens per field.
/// </summary>
internal sealed class RleBitWriter
{
    private byte[] buffer;
    private int byteCount;
    private ulong accumulator;
    private int pendingBits;

    /// <summary>Creates a writer whose buffer starts at <paramref name="initialCapacity"/> bytes.</summary>
    public RleBitWriter(int initialCapacity) => buffer = new byte[Math.Max(initialCapacity, 16)];

    /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="bits"/> (at most 32).</summary>
    public void Write(uint bits, int count)
    {
        // At most 7 bits stay pending between calls, so 7 + 32 always fits the accumulator.
        accumulator = (accumulator << count) | (bits & (uint)((1UL << count) - 1));
        pendingBits += count;
        while (pendingBits >= 8)
        {
            pendingBits -= 8;
            Append((byte)(accumulator >> pendingBits));
        }
    }

    /// <summary>
    /// Pads with <c>8 − (bitCount mod 8)</c> zero bits — a whole zero byte when already aligned, as the
    /// upstream encoder does — and returns the bytes as the integer list Label Studio reads.
    /// </summary>
    public int[] ToPaddedArray()
    {
        Write(0, 8 - pendingBits);
        var result = new int[byteCount];
        for (var i = 0; i < byteCount; i++)
        {
            result[i] = buffer[i];
        }

        return result;
    }

    private void Append(byte value)
    {
        if (byteCount == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        buffer[byteCount++] = value;
    }
}
