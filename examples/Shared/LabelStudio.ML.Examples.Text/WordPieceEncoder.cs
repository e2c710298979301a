using Microsoft.ML.Tokenizers;

namespace LabelStudio.ML.Examples.Text;

/// <summary>
/// Turns text into BERT token ids with ML.Tokenizers' <see cref="BertTokenizer"/>, word by word, so that every token
/// knows which word of the text it came from (the tokenizer's own offsets refer to its normalized text, not to ours).
/// </summary>
/// <remarks>Thread-safe: the tokenizer holds only its vocabulary.</remarks>
public sealed class WordPieceEncoder
{
    /// <summary>BERT's limit: a longer "word" is one unknown token, as in the reference tokenizer.</summary>
    private const int MaxCharsPerWord = 100;

    private readonly BertTokenizer _tokenizer;

    private WordPieceEncoder(BertTokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>The id of <c>[CLS]</c>.</summary>
    public long ClsId => _tokenizer.ClassificationTokenId;

    /// <summary>The id of <c>[SEP]</c>.</summary>
    public long SepId => _tokenizer.SeparatorTokenId;

    /// <summary>The id of <c>[PAD]</c>.</summary>
    public long PadId => _tokenizer.PaddingTokenId;

    /// <summary>The id of <c>[UNK]</c>.</summary>
    public long UnknownId => _tokenizer.UnknownTokenId;

    /// <summary>Reads a BERT <c>vocab.txt</c> (one token a line); lower-cases unless <paramref name="lowerCase"/> is false.</summary>
    public static WordPieceEncoder FromVocab(Stream vocab, bool lowerCase = true)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        return new WordPieceEncoder(BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = lowerCase }));
    }

    /// <summary>The word-piece ids of one word, without special tokens.</summary>
    public IReadOnlyList<int> EncodeWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > MaxCharsPerWord
            ? [_tokenizer.UnknownTokenId]
            : _tokenizer.EncodeToIds(word, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);
    }

    /// <summary>
    /// Encodes <paramref name="text"/> as <c>[CLS] tokens [SEP]</c>, at most <paramref name="maxTokens"/> in all: the
    /// text is truncated at the last whole word that fits, so a text of any size is cheap to encode.
    /// </summary>
    /// <remarks>Every word gives at least one token, so splitting stops at <paramref name="maxTokens"/> words.</remarks>
    public EncodedText Encode(string text, int maxTokens) =>
        Encode(text, WordSplitter.SplitBert(text, maxWords: maxTokens), maxTokens);

    /// <summary>Encodes the given <paramref name="words"/> of <paramref name="text"/>, as <see cref="Encode(string, int)"/>.</summary>
    public EncodedText Encode(string text, IReadOnlyList<TextWord> words, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        var ids = new List<long>(Math.Min(maxTokens, (words.Count * 2) + 2)) { ClsId };
        var tokenWords = new List<int>(ids.Capacity) { -1 };
        var kept = new List<TextWord>(words.Count);
        var truncated = false;
        foreach (var word in words)
        {
            var pieces = EncodeWord(text.Substring(word.Start, word.Length));
            if (ids.Count + pieces.Count > maxTokens - 1)
            {
                truncated = true;
                break;
            }

            if (pieces.Count == 0)
            {
                // A word that normalizes to nothing (a lone accent mark, a control character) gives no token.
                continue;
            }

            foreach (var piece in pieces)
            {
                ids.Add(piece);
                tokenWords.Add(kept.Count);
            }

            kept.Add(word);
        }

        ids.Add(SepId);
        tokenWords.Add(-1);
        return new EncodedText(text, [.. ids], [.. tokenWords], kept, truncated);
    }
}
