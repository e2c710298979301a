using System.Runtime.InteropServices;

namespace NemoAsr;

/// <summary>
/// CMU PocketSphinx through P/Invoke with the US English acoustic model, 3-gram language model and dictionary of
/// Debian's <c>pocketsphinx-en-us</c>. The audio is split into utterances at the pauses the decoder's voice activity
/// detector finds, as <c>pocketsphinx_continuous</c> does. One decoder is loaded on first use and shared; it decodes one
/// clip at a time (a PocketSphinx decoder is not thread-safe).
/// </summary>
public sealed class PocketSphinxRecognizer : ISpeechRecognizer, IDisposable
{
    // Samples handed to the decoder per call: 128 ms, as pocketsphinx_continuous reads them.
    private const int ChunkSamples = 2048;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly List<IntPtr> _arguments = [];
    private readonly IntPtr _config;
    private readonly IntPtr _decoder;

    /// <summary>Loads the models named by <paramref name="settings"/>.</summary>
    /// <exception cref="SpeechEngineException">A model file is missing, or the library cannot be loaded or cannot read the models.</exception>
    public PocketSphinxRecognizer(SpeechSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Require(settings.PocketSphinxAcousticModel, "POCKETSPHINX_HMM", directory: true);
        Require(settings.PocketSphinxLanguageModel, "POCKETSPHINX_LM", directory: false);
        Require(settings.PocketSphinxDictionary, "POCKETSPHINX_DICT", directory: false);
        string[] argv =
        [
            "-hmm", settings.PocketSphinxAcousticModel,
            "-lm", settings.PocketSphinxLanguageModel,
            "-dict", settings.PocketSphinxDictionary,
            "-samprate", AudioLoader.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The library logs every step to stderr; the backend reports its own errors instead.
            "-logfn", "/dev/null",
        ];
        try
        {
            foreach (var argument in argv)
            {
                _arguments.Add(Marshal.StringToCoTaskMemUTF8(argument));
            }

            _config = PocketSphinxNative.ParseConfig(IntPtr.Zero, PocketSphinxNative.Arguments(), argv.Length, [.. _arguments], 1);
            if (_config == IntPtr.Zero)
            {
                throw new SpeechEngineException("PocketSphinx refused its options (" + string.Join(' ', argv) + ").");
            }

            _decoder = PocketSphinxNative.CreateDecoder(_config);
            if (_decoder == IntPtr.Zero)
            {
                throw new SpeechEngineException(
                    $"PocketSphinx could not load its models ({settings.PocketSphinxAcousticModel}, {settings.PocketSphinxLanguageModel}, " +
                    $"{settings.PocketSphinxDictionary}): check that they belong together (Debian package pocketsphinx-en-us).");
            }
        }
        catch (DllNotFoundException ex)
        {
            Dispose();
            throw new SpeechEngineException(
                "libpocketsphinx.so.3 is not installed: install the Debian packages pocketsphinx and pocketsphinx-en-us " +
                "(apt-get install pocketsphinx pocketsphinx-en-us), or choose ASR_ENGINE=whisper.", ex);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <inheritdoc />
    public async Task<Transcript> TranscribeAsync(float[] samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var pcm = new short[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            pcm[i] = (short)Math.Clamp(Math.Round(samples[i] * 32767.0), short.MinValue, short.MaxValue);
        }

        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return Decode(pcm, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Frees the decoder and its configuration.</summary>
    public void Dispose()
    {
        if (_decoder != IntPtr.Zero)
        {
            PocketSphinxNative.FreeDecoder(_decoder);
        }

        if (_config != IntPtr.Zero)
        {
            PocketSphinxNative.FreeConfig(_config);
        }

        foreach (var argument in _arguments)
        {
            Marshal.FreeCoTaskMem(argument);
        }

        _arguments.Clear();
        _oneAtATime.Dispose();
    }

    private Transcript Decode(short[] pcm, CancellationToken cancellationToken)
    {
        var words = new List<string>();
        var probabilities = new List<double>();
        var chunk = new short[ChunkSamples];
        // Each clip is its own stream, as each file is for pocketsphinx_continuous.
        Check(PocketSphinxNative.StartStream(_decoder), "ps_start_stream");
        Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
        var speaking = false;
        for (var offset = 0; offset < pcm.Length; offset += ChunkSamples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkSamples, pcm.Length - offset);
            Array.Copy(pcm, offset, chunk, 0, count);
            Check(PocketSphinxNative.ProcessRaw(_decoder, chunk, (nuint)count, 0, 0), "ps_process_raw");
            var inSpeech = PocketSphinxNative.InSpeech(_decoder) != 0;
            if (inSpeech)
            {
                speaking = true;
            }
            else if (speaking)
            {
                // A pause ends the utterance: decode it and start the next one.
                Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
                Collect(words, probabilities);
                Check(PocketSphinxNative.StartUtterance(_decoder), "ps_start_utt");
                speaking = false;
            }
        }

        Check(PocketSphinxNative.EndUtterance(_decoder), "ps_end_utt");
        if (speaking)
        {
            Collect(words, probabilities);
        }

        // The score is the mean posterior probability of the recognised words.
        var text = string.Join(' ', words);
        return new Transcript(text, probabilities.Count == 0 ? 0 : Math.Round(probabilities.Average(), 4));
    }

    /// <summary>
    /// Adds the utterance's hypothesis to <paramref name="words"/> and the posterior probability of each of its words
    /// (fillers such as silence and breath left out) to <paramref name="probabilities"/>.
    /// </summary>
    private void Collect(List<string> words, List<double> probabilities)
    {
        var hypothesis = Marshal.PtrToStringUTF8(PocketSphinxNative.Hypothesis(_decoder, out _));
        if (string.IsNullOrWhiteSpace(hypothesis))
        {
            return;
        }

        words.Add(hypothesis.Trim());
        var logMath = PocketSphinxNative.LogMath(_decoder);
        for (var segment = PocketSphinxNative.Segments(_decoder); segment != IntPtr.Zero; segment = PocketSphinxNative.NextSegment(segment))
        {
            var word = Marshal.PtrToStringUTF8(PocketSphinxNative.SegmentWord(segment));
            if (word is null || word.StartsWith('<') || word.StartsWith('['))
            {
                continue;
            }

            var posterior = PocketSphinxNative.Exp(logMath, PocketSphinxNative.SegmentProbability(segment, out _, out _, out _));
            probabilities.Add(double.IsFinite(posterior) ? Math.Clamp(posterior, 0, 1) : 0);
        }
    }

    private static void Check(int status, string function)
    {
        if (status < 0)
        {
            throw new SpeechEngineException($"PocketSphinx failed in {function} (status {status}).");
        }
    }

    private static void Require(string path, string setting, bool directory)
    {
        if (directory ? !Directory.Exists(path) : !File.Exists(path))
        {
            throw new SpeechEngineException(
                $"{setting} names {(directory ? "a folder" : "a file")} that does not exist: {path}. Install the Debian package pocketsphinx-en-us, " +
                $"or point {setting} at your own PocketSphinx model.");
        }
    }
}
