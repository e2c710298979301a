using System.Runtime.InteropServices;

namespace NemoAsr;

/// <summary>
/// The parts of libpocketsphinx 5prealpha (Debian's <c>libpocketsphinx3</c>, with <c>libsphinxbase3</c>) the engine
/// calls. The variadic <c>cmd_ln_init</c> is avoided: <c>cmd_ln_parse_r</c> takes the same options as an argv array.
/// </summary>
internal static partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    [LibraryImport(PocketSphinx, EntryPoint = "ps_args")]
    public static partial IntPtr Arguments();

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_parse_r")]
    public static partial IntPtr ParseConfig(IntPtr previous, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    public static partial int FreeConfig(IntPtr config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_init")]
    public static partial IntPtr CreateDecoder(IntPtr config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_free")]
    public static partial int FreeDecoder(IntPtr decoder);

    /// <summary>Starts a new stream: the noise level and voice activity state of the previous clip are forgotten.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_start_stream")]
    public static partial int StartStream(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_start_utt")]
    public static partial int StartUtterance(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_process_raw")]
    public static partial int ProcessRaw(IntPtr decoder, short[] data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_end_utt")]
    public static partial int EndUtterance(IntPtr decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_in_speech")]
    public static partial byte InSpeech(IntPtr decoder);

    /// <summary>The best hypothesis; the string belongs to the decoder and lives until the next utterance.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_hyp")]
    public static partial IntPtr Hypothesis(IntPtr decoder, out int bestScore);

    /// <summary>An iterator over the words of the best hypothesis, or zero when there is none.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_iter")]
    public static partial IntPtr Segments(IntPtr decoder);

    /// <summary>The next word; zero at the end, when the iterator has freed itself.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_next")]
    public static partial IntPtr NextSegment(IntPtr segment);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_word")]
    public static partial IntPtr SegmentWord(IntPtr segment);

    /// <summary>The word's log posterior probability (from the lattice of <c>-bestpath yes</c>, the default).</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_seg_prob")]
    public static partial int SegmentProbability(IntPtr segment, out int acoustic, out int language, out int backoff);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_logmath")]
    public static partial IntPtr LogMath(IntPtr decoder);

    [LibraryImport(SphinxBase, EntryPoint = "logmath_exp")]
    public static partial double Exp(IntPtr logMath, int logValue);
}
