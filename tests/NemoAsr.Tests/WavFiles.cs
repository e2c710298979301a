using System.Buffers.Binary;

namespace NemoAsr.Tests;

/// <summary>WAV files written by hand for the tests, independently of the backend's decoder.</summary>
internal static class WavFiles
{
    /// <summary>Reads the 16-bit mono samples and the rate of a plain PCM WAV such as espeak-ng writes (44-byte header).</summary>
    public static (short[] Samples, int Rate) ReadMono16(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24));
        var data = bytes.AsSpan(44);
        var samples = new short[data.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]);
        }

        return (samples, rate);
    }

    /// <summary>The same sound as a two-channel 32-bit float WAV in WAVE_FORMAT_EXTENSIBLE, the second channel at half volume.</summary>
    public static byte[] StereoFloatExtensible(short[] samples, int rate)
    {
        const int channels = 2, bits = 32;
        var data = new byte[samples.Length * channels * 4];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = samples[i] / 32768f;
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(8 * i), value);
            BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(8 * i + 4), value / 2);
        }

        var format = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(format, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), channels);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(8), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), bits);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(18), bits);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(20), 0b11);
        // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT: 00000003-0000-0010-8000-00aa00389b71.
        new Guid("00000003-0000-0010-8000-00aa00389b71").TryWriteBytes(format.AsSpan(24));
        return Riff(format, data);
    }

    /// <summary>
    /// The same sound as a mono 24-bit PCM WAV at twice the rate, each sample written twice (a crude upsampling that
    /// adds images above the original band, which the backend's low-pass resampler must remove).
    /// </summary>
    public static byte[] Doubled24Bit(short[] samples, int rate)
    {
        var data = new byte[samples.Length * 2 * 3];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = samples[i] << 8;
            for (var copy = 0; copy < 2; copy++)
            {
                var at = (2 * i + copy) * 3;
                data[at] = (byte)value;
                data[at + 1] = (byte)(value >> 8);
                data[at + 2] = (byte)(value >> 16);
            }
        }

        var format = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(format, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(4), rate * 2);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(8), rate * 2 * 3);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), 24);
        return Riff(format, data);
    }

    /// <summary>A WAV whose fmt chunk declares IMA ADPCM (format tag 0x0011), which the managed decoder does not read.</summary>
    public static byte[] Adpcm()
    {
        var format = new byte[20];
        BinaryPrimitives.WriteUInt16LittleEndian(format, 0x0011);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(4), 8000);
        BinaryPrimitives.WriteInt32LittleEndian(format.AsSpan(8), 4055);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), 256);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), 4);
        return Riff(format, new byte[1024]);
    }

    private static byte[] Riff(byte[] format, byte[] data)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(4 + 8 + format.Length + 8 + data.Length);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(format.Length);
        writer.Write(format);
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }
}
