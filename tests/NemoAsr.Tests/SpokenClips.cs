using System.Diagnostics;

namespace NemoAsr.Tests;

/// <summary>
/// Speech made by Debian's espeak-ng (22,050 Hz, 16-bit, mono WAV) in a temporary folder. The Klatt voice variant is
/// used because PocketSphinx's acoustic model, trained on human speech, recognises it far better than espeak-ng's
/// default voice.
/// </summary>
public sealed class SpokenClips : IDisposable
{
    /// <summary>The sentences, the words of each that the test expects back, and the speaking rate (words per minute).</summary>
    public static readonly (string Name, string Sentence, string[] KeyWords, int Rate)[] Sentences =
    [
        ("greeting", "hello world this is a test of speech recognition", ["hello", "world", "test", "speech", "recognition"], 150),
        ("president", "the president of the united states", ["president", "united", "states"], 150),
        ("counting", "one two three four five six seven eight nine ten", ["three", "four", "five", "six", "seven", "eight", "nine", "ten"], 175),
    ];

    public SpokenClips()
    {
        Folder = Directory.CreateTempSubdirectory("nemo-asr-clips-").FullName;
        foreach (var (name, sentence, _, rate) in Sentences)
        {
            Speak(sentence, rate, PathOf(name));
        }
    }

    /// <summary>The folder holding the clips (and any file a test writes).</summary>
    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name + ".wav");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void Speak(string sentence, int rate, string path)
    {
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "en-us+klatt", "-s", rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", path, sentence })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("espeak-ng did not start (./test.sh installs it).");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            throw new InvalidOperationException($"espeak-ng failed ({process.ExitCode}): {errors}");
        }
    }
}
