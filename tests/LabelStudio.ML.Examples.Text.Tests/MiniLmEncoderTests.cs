using System.Text;
using Xunit;

namespace LabelStudio.ML.Examples.Text.Tests;

public sealed class MiniLmEncoderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    private readonly MiniLmEncoder _encoder = fixture.Encoder;

    [Fact]
    public void Embeddings_are_unit_vectors_of_384_numbers()
    {
        var embeddings = _encoder.Embed(["A short sentence.", "Another, somewhat longer sentence about the weather today."]);

        Assert.All(embeddings, embedding =>
        {
            Assert.Equal(MiniLmEncoder.Dimension, embedding.Length);
            Assert.Equal(1.0, Math.Sqrt(embedding.Sum(x => (double)x * x)), 4);
        });
    }

    [Fact]
    public void A_paraphrase_is_closer_than_an_unrelated_sentence()
    {
        var embeddings = _encoder.Embed(["The cat sits on the mat.", "A cat is sitting on a rug.", "Stock markets fell sharply on Monday."]);

        var paraphrase = VectorMath.Dot(embeddings[0], embeddings[1]);
        var unrelated = VectorMath.Dot(embeddings[0], embeddings[2]);

        Assert.True(paraphrase > 0.5, $"paraphrase similarity {paraphrase}");
        Assert.True(unrelated < 0.2, $"unrelated similarity {unrelated}");
    }

    [Fact]
    public void Batching_and_padding_do_not_change_an_embedding()
    {
        const string Text = "Padding must not leak into the mean.";
        var alone = _encoder.Embed([Text])[0];
        var inBatch = _encoder.Embed(["x", Text, "a much longer text that forces padding onto the others in the same batch call"])[1];

        for (var i = 0; i < alone.Length; i++)
        {
            Assert.Equal(alone[i], inBatch[i], 3);
        }
    }

    [Fact]
    public void Tokens_map_back_to_the_words_of_the_text()
    {
        var encoded = _encoder.Encode("Héllo, Zürich!");

        // [CLS] hello , zurich ! [SEP]: the accents are stripped by the uncased vocabulary, the offsets are not.
        var words = encoded.Words.Select(word => encoded.Text.Substring(word.Start, word.Length)).ToList();
        Assert.Equal(["Héllo", ",", "Zürich", "!"], words);
        Assert.Equal(-1, encoded.TokenWords[0]);
        Assert.Equal(-1, encoded.TokenWords[^1]);
        Assert.Equal(Enumerable.Range(0, 4), encoded.TokenWords.Where(word => word >= 0).Distinct());
        var states = _encoder.TokenStates([encoded])[0];
        Assert.Equal(encoded.Ids.Length, states.Length);
    }

    [Fact]
    public void A_text_of_one_megabyte_is_truncated_to_512_tokens()
    {
        var text = new StringBuilder().Insert(0, "lorem ipsum dolor sit amet ", 40_000).ToString();
        Assert.True(text.Length > 1_000_000);

        var encoded = _encoder.Encode(text);
        var embedding = _encoder.Embed([encoded]);

        Assert.True(encoded.Truncated);
        Assert.InRange(encoded.Ids.Length, MiniLmEncoder.MaxTokens - 8, MiniLmEncoder.MaxTokens);
        Assert.Equal(MiniLmEncoder.Dimension, embedding[0].Length);
    }
}
