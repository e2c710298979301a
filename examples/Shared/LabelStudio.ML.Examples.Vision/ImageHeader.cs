using System.Buffers.Binary;

namespace LabelStudio.ML.Examples.Vision;

/// <summary>
/// Reads an image's width and height from the first bytes of PNG, JPEG, GIF, BMP and WebP files, so the pixel limit
/// is enforced before OpenCV allocates the decoded image.
/// </summary>
internal static class ImageHeader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The size the header declares, or <see langword="null"/> for formats (or damaged headers) it does not know.</summary>
    public static (int Width, int Height)? TryReadSize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 24 && bytes[..8].SequenceEqual(PngSignature))
        {
            return (BinaryPrimitives.ReadInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadInt32BigEndian(bytes[20..]));
        }

        if (bytes.Length >= 10 && (bytes[..6].SequenceEqual("GIF87a"u8) || bytes[..6].SequenceEqual("GIF89a"u8)))
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]), BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]));
        }

        if (bytes.Length >= 26 && bytes[0] == 'B' && bytes[1] == 'M')
        {
            return (Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(bytes[18..])), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(bytes[22..])));
        }

        if (bytes.Length >= 30 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ReadWebPSize(bytes);
        }

        return bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? ReadJpegSize(bytes) : null;
    }

    private static (int, int)? ReadWebPSize(ReadOnlySpan<byte> bytes)
    {
        var chunk = bytes[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + ReadUInt24(bytes[24..]), 1 + ReadUInt24(bytes[27..]));
        }

        if (chunk.SequenceEqual("VP8L"u8) && bytes.Length >= 25)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(bytes[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(bytes[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes[28..]) & 0x3FFF);
        }

        return null;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);

    // JPEG: walk the marker segments to the first start-of-frame (SOF0…SOF15 except DHT, JPG and DAC).
    private static (int, int)? ReadJpegSize(ReadOnlySpan<byte> bytes)
    {
        var at = 2;
        while (at + 9 < bytes.Length)
        {
            if (bytes[at] != 0xFF)
            {
                return null;
            }

            var marker = bytes[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(bytes[(at + 5)..]));
            }

            at += 2 + length;
        }

        return null;
    }
}
