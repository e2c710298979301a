using System.Buffers.Binary;

namespace NemoAsr;

/// <summary>
/// Reads RIFF/WAVE files in managed code: integer PCM of 8, 16, 24 or 32 bits, IEEE float of 32 or 64 bits (also
/// inside WAVE_FORMAT_EXTENSIBLE), any sample rate and channel count. Channels are averaged into one.
/// </summary>
internal static class WavDecoder
{
    private const ushort FormatPcm = 0x0001;
    private const ushort FormatFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Whether <paramref name="bytes"/> start like a WAV file.</summary>
    public static bool LooksLikeWav(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WAVE"u8);

    /// <summary>Decodes a WAV file into mono samples.</summary>
    /// <exception cref="UnsupportedAudioException">The file is not a WAV file this decoder reads; the message says why.</exception>
    public static PcmAudio Decode(ReadOnlySpan<byte> bytes)
    {
        if (!LooksLikeWav(bytes))
        {
            throw new UnsupportedAudioException("not a WAV file (no RIFF/WAVE header)");
        }

        (ushort Tag, int Channels, int Rate, int Bits, int BlockAlign)? format = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                format = ReadFormat(bytes.Slice(body, (int)Math.Min(size, (uint)(bytes.Length - body))));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is not { } fmt)
                {
                    throw new UnsupportedAudioException("a WAV file whose data chunk comes before its fmt chunk");
                }

                // Streaming writers leave the size 0 or 0xFFFFFFFF; the data then runs to the end of the file.
                var available = bytes.Length - body;
                var length = size == 0 || size > (uint)available ? available : (int)size;
                return new PcmAudio(Samples(bytes.Slice(body, length - length % fmt.BlockAlign), fmt.Tag, fmt.Channels, fmt.Bits), fmt.Rate);
            }

            position = body + (int)Math.Min(size + (size & 1), (uint)(bytes.Length - body));
        }

        throw new UnsupportedAudioException(format is null ? "a WAV file without a fmt chunk" : "a WAV file without a data chunk");
    }

    private static (ushort Tag, int Channels, int Rate, int Bits, int BlockAlign) ReadFormat(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 16)
        {
            throw new UnsupportedAudioException("a WAV file with a truncated fmt chunk");
        }

        var tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk[2..]);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(chunk[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(chunk[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk[14..]);
        if (tag == FormatExtensible && chunk.Length >= 26)
        {
            // The sub-format GUID starts with the plain format tag.
            tag = BinaryPrimitives.ReadUInt16LittleEndian(chunk[24..]);
        }

        var supported = tag switch
        {
            FormatPcm => bits is 8 or 16 or 24 or 32,
            FormatFloat => bits is 32 or 64,
            _ => false,
        };
        if (!supported)
        {
            throw new UnsupportedAudioException(
                $"a WAV file with format tag 0x{tag:X4} and {bits} bits per sample (the built-in decoder reads integer PCM of 8/16/24/32 bits and float of 32/64 bits)");
        }

        if (channels == 0 || rate <= 0 || blockAlign != channels * bits / 8)
        {
            throw new UnsupportedAudioException($"a WAV file with an inconsistent fmt chunk ({channels} channels, {rate} Hz, block size {blockAlign})");
        }

        return (tag, channels, rate, bits, blockAlign);
    }

    private static float[] Samples(ReadOnlySpan<byte> data, ushort tag, int channels, int bits)
    {
        var width = bits / 8;
        var frames = data.Length / (width * channels);
        var mono = new float[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            double sum = 0;
            for (var channel = 0; channel < channels; channel++)
            {
                var sample = data.Slice((frame * channels + channel) * width, width);
                sum += tag == FormatFloat ? Float(sample) : Integer(sample);
            }

            mono[frame] = (float)Math.Clamp(sum / channels, -1, 1);
        }

        return mono;
    }

    private static double Float(ReadOnlySpan<byte> sample) => sample.Length == 4
        ? BinaryPrimitives.ReadSingleLittleEndian(sample)
        : BinaryPrimitives.ReadDoubleLittleEndian(sample);

    private static double Integer(ReadOnlySpan<byte> sample) => sample.Length switch
    {
        // 8-bit WAV is unsigned, centred on 128.
        1 => (sample[0] - 128) / 128.0,
        2 => BinaryPrimitives.ReadInt16LittleEndian(sample) / 32768.0,
        3 => ((sample[0] << 8 | sample[1] << 16 | sample[2] << 24) >> 8) / 8388608.0,
        _ => BinaryPrimitives.ReadInt32LittleEndian(sample) / 2147483648.0,
    };
}
