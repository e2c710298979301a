using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NemoAsr;

/// <summary>
/// Turns an audio file into what the engines take: 16 kHz mono. WAV is read in managed code; any other format (MP3,
/// FLAC, OGG, M4A…) goes through FFmpeg when it is installed (<c>FFMPEG_PATH</c>, by default <c>ffmpeg</c> on PATH).
/// </summary>
public sealed class AudioLoader(SpeechSettings settings)
{
    /// <summary>The sample rate both engines expect.</summary>
    public const int SampleRate = 16000;

    /// <summary>Reads and converts the file at <paramref name="path"/>.</summary>
    /// <exception cref="UnsupportedAudioException">The file is not audio the backend can decode; the message says what it is.</exception>
    public async Task<float[]> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        UnsupportedAudioException? wavProblem = null;
        if (WavDecoder.LooksLikeWav(bytes))
        {
            try
            {
                var audio = WavDecoder.Decode(bytes);
                return Resampler.Resample(audio.Samples, audio.SampleRate, SampleRate);
            }
            catch (UnsupportedAudioException ex)
            {
                // A WAV with another codec (ADPCM, µ-law…) may still be something FFmpeg reads.
                wavProblem = ex;
            }
        }

        if (FindFfmpeg() is not { } ffmpeg)
        {
            throw new UnsupportedAudioException(
                $"unsupported audio format: {wavProblem?.Message ?? Describe(bytes)}. The backend reads WAV (PCM or float) itself; " +
                "install FFmpeg (or set FFMPEG_PATH) to read MP3, FLAC, OGG and other formats");
        }

        return await DecodeWithFfmpegAsync(ffmpeg, path, cancellationToken);
    }

    private string? FindFfmpeg()
    {
        var name = settings.FfmpegPath;
        if (Path.IsPathRooted(name) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<float[]> DecodeWithFfmpegAsync(string ffmpeg, string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-nostdin", "-v", "error", "-i", path, "-vn", "-f", "f32le", "-ac", "1", "-ar", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "pipe:1" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new UnsupportedAudioException($"unsupported audio format: FFmpeg ({ffmpeg}) did not start");
        }
        catch (Win32Exception ex)
        {
            throw new UnsupportedAudioException($"unsupported audio format: FFmpeg ({ffmpeg}) cannot be started: {ex.Message}", ex);
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var output = new MemoryStream();
            try
            {
                await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0 || output.Length == 0)
            {
                var reason = (await errors).Trim();
                throw new UnsupportedAudioException($"unsupported audio format: FFmpeg cannot decode it ({(reason.Length > 0 ? reason : $"exit code {process.ExitCode}")})");
            }

            return MemoryMarshal.Cast<byte, float>(output.GetBuffer().AsSpan(0, (int)(output.Length - output.Length % 4))).ToArray();
        }
    }

    /// <summary>A few words on what the bytes look like, for the error message.</summary>
    private static string Describe(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return "the file is empty";
        }

        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 16));
        var known = head switch
        {
            _ when head.StartsWith("ID3"u8) || head.Length > 1 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 => "MP3",
            _ when head.StartsWith("fLaC"u8) => "FLAC",
            _ when head.StartsWith("OggS"u8) => "OGG",
            _ when head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8) => "MP4/M4A",
            _ => null,
        };
        if (known is not null)
        {
            return $"the file is {known}";
        }

        var printable = head.ToArray().All(b => b is >= 0x20 and < 0x7F or (byte)'\n' or (byte)'\r' or (byte)'\t');
        return printable ? "the file is text, not audio" : $"the file starts with bytes {Convert.ToHexString(head)}, no known audio header";
    }
}
