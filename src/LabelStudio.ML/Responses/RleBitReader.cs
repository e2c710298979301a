namespace LabelStudio.ML;

/// <summary>Reads bit fields MSB first from a brush RLE byte list (the decoding side of SPEC §6.4).</summary>
internal sealed class RleBitReader(IReadOnlyList<int> bytes)
{
    private long position;

    /// <summary>Reads <paramref name="count"/> bits (at most 32) as an unsigned number.</summary>
    /// <exception cref="FormatException">The data ends before the field does, or holds a non-byte value.</exception>
    public uint Read(int count)
    {
        uint value = 0;
        for (var i = 0; i < count; i++)
        {
            var index = (int)(position >> 3);
            if (index >= bytes.Count)
            {
                throw new FormatException("Brush RLE data ends in the middle of a field.");
            }

            var current = bytes[index];
            if (current is < 0 or > 255)
            {
                throw new FormatException($"Brush RLE item {index} is {current}; every item must be a byte (0–255).");
            }

            var bit = (current >> (7 - (int)(position & 7))) & 1;
            value = (value << 1) | (uint)bit;
            position++;
        }

        return value;
    }
}
