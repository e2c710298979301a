namespace LabelStudio.ML;

/// <summary>
/// The run-length encoding Label Studio uses for brush masks (<c>"format": "rle"</c>, SPEC §6.4),
/// bit-exact with the upstream Python encoder and the labeling frontend's decoder.
/// </summary>
/// <remarks>
/// A <c>W × H</c> mask becomes <c>W·H·4</c> values (every pixel repeated for R, G, B and A), cut into
/// runs of equal values and packed into bits. Mask values are written as they are: use 255 for
/// "inside", a mask of 0/1 is invisible in Label Studio.
/// </remarks>
public static class BrushRle
{
    private const int ChannelsPerPixel = 4;
    private const int LongestChunk = 65536;

    /// <summary>
    /// Encodes a row-major mask of <paramref name="width"/> × <paramref name="height"/> bytes
    /// (row 0 left to right, then row 1, …) the way <c>mask2rle</c> does.
    /// </summary>
    /// <returns>The byte list for a brush region's <c>value.rle</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="mask"/> does not hold width × height bytes.</exception>
    public static int[] Encode(ReadOnlySpan<byte> mask, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var pixels = (long)width * height;
        if (mask.Length != pixels)
        {
            throw new ArgumentException($"The mask holds {mask.Length} bytes but a {width} × {height} image has {pixels} pixels.", nameof(mask));
        }

        // A run of k equal pixels is a run of 4k equal values, so the RGBA sequence is never built.
        var writer = StartEncoding(pixels * ChannelsPerPixel, mask.Length);
        WriteRuns(writer, mask, ChannelsPerPixel);
        return writer.ToPaddedArray();
    }

    /// <summary>Encodes an already flattened value sequence (the upstream <c>encode_rle</c>).</summary>
    /// <returns>The encoded byte list.</returns>
    public static int[] EncodeValues(ReadOnlySpan<byte> values)
    {
        var writer = StartEncoding(values.Length, values.Length);
        WriteRuns(writer, values, 1);
        return writer.ToPaddedArray();
    }

    /// <summary>Decodes a byte list back into the flat value sequence it encodes (length from its header).</summary>
    /// <exception cref="FormatException">The list is not a valid encoding.</exception>
    public static byte[] Decode(IReadOnlyList<int> rle)
    {
        ArgumentNullException.ThrowIfNull(rle);
        var reader = new RleBitReader(rle);
        var count = reader.Read(32);
        if (count > Array.MaxLength)
        {
            throw new FormatException($"Brush RLE declares {count} values, more than an array can hold.");
        }

        var wordSize = (int)reader.Read(5) + 1;
        if (wordSize > 8)
        {
            throw new FormatException($"Brush RLE word size is {wordSize} bits; only byte words (8 bits) are supported.");
        }

        Span<int> lengthWidths = stackalloc int[4];
        for (var i = 0; i < lengthWidths.Length; i++)
        {
            lengthWidths[i] = (int)reader.Read(4) + 1;
        }

        var values = new byte[count];
        var produced = 0L;
        while (produced < count)
        {
            var repeated = reader.Read(1) == 1;
            var runLength = 1L + reader.Read(lengthWidths[(int)reader.Read(2)]);
            if (produced + runLength > count)
            {
                throw new FormatException($"Brush RLE run of {runLength} values at value {produced} goes past the declared {count} values.");
            }

            if (repeated)
            {
                values.AsSpan((int)produced, (int)runLength).Fill((byte)reader.Read(wordSize));
            }
            else
            {
                for (var i = 0; i < runLength; i++)
                {
                    values[produced + i] = (byte)reader.Read(wordSize);
                }
            }

            produced += runLength;
        }

        return values;
    }

    /// <summary>
    /// Decodes a brush region's byte list into a row-major mask of <paramref name="width"/> ×
    /// <paramref name="height"/> bytes, taking the alpha channel as the frontend does.
    /// </summary>
    /// <exception cref="FormatException">The list is not a valid encoding of a mask of that size.</exception>
    public static byte[] DecodeMask(IReadOnlyList<int> rle, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        var values = Decode(rle);
        var pixels = (long)width * height;
        if (values.LongLength != pixels * ChannelsPerPixel)
        {
            throw new FormatException($"The brush RLE holds {values.LongLength} values but a {width} × {height} RGBA image needs {pixels * ChannelsPerPixel}.");
        }

        var mask = new byte[pixels];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = values[(i * ChannelsPerPixel) + ChannelsPerPixel - 1];
        }

        return mask;
    }

    private static RleBitWriter StartEncoding(long valueCount, int inputLength)
    {
        if (valueCount > uint.MaxValue)
        {
            throw new ArgumentException($"{valueCount} values do not fit the 32-bit length field of the brush RLE.");
        }

        // Masks are mostly long runs; a sixteenth of the input is a generous first guess that still grows.
        var writer = new RleBitWriter(16 + (inputLength / 16));
        writer.Write((uint)valueCount, 32);
        writer.Write(7, 5); // word size − 1: values are bytes
        writer.Write(0b0010_0011_0111_1111, 16); // run-length field widths − 1: 3, 4, 8, 16 bits
        return writer;
    }

    private static void WriteRuns(RleBitWriter writer, ReadOnlySpan<byte> input, int valuesPerItem)
    {
        var start = 0;
        while (start < input.Length)
        {
            var value = input[start];
            var runEnd = input[start..].IndexOfAnyExcept(value);
            var items = runEnd < 0 ? input.Length - start : runEnd;
            WriteRun(writer, (long)items * valuesPerItem, value);
            start += items;
        }
    }

    private static void WriteRun(RleBitWriter writer, long length, byte value)
    {
        // Prefix = repeat flag, 2-bit width selector, length − 1; the 8-bit word follows in the same write.
        if (length == 1)
        {
            writer.Write(value, 14); // literal block of one word: 0 00 000 v
            return;
        }

        if (length <= 8)
        {
            writer.Write((0b100u << 11) | ((uint)(length - 1) << 8) | value, 14);
        }
        else if (length <= 16)
        {
            writer.Write((0b101u << 12) | ((uint)(length - 1) << 8) | value, 15);
        }
        else if (length <= 256)
        {
            writer.Write((0b110u << 16) | ((uint)(length - 1) << 8) | value, 19);
        }
        else
        {
            // Long runs go out in 16-bit chunks; the remainder keeps the 16-bit form even when it is short.
            while (length > LongestChunk)
            {
                writer.Write((0b111u << 24) | (0xFFFFu << 8) | value, 27);
                length -= LongestChunk;
            }

            writer.Write((0b111u << 24) | ((uint)(length - 1) << 8) | value, 27);
        }
    }
}
