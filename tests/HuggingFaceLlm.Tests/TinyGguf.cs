using System.Text;

namespace HuggingFaceLlm.Tests;

/// <summary>
/// Writes a tiny GGUF (v3) llama model that llama.cpp loads and runs: one layer, 8-wide, a SentencePiece vocabulary of
/// the special tokens, the 256 byte tokens and one word. Every token embeds to the same vector and the attention and
/// feed-forward outputs are zero, so the last hidden state is the same for any text, and the output matrix gives one
/// token (<see cref="Word"/>) a logit of 80 and every other 0: the model answers that word, again and again.
/// </summary>
internal static class TinyGguf
{
    public const string Word = "ok";

    private const int Embedding = 8;
    private const int FeedForward = 16;
    private const uint Alignment = 32;

    public static void Write(string path)
    {
        var tokens = new List<(string Piece, float Score, int Type)> { ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3) };
        tokens.AddRange(Enumerable.Range(0, 256).Select(value => ($"<0x{value:X2}>", 0f, 6)));
        tokens.Add((Word, -1, 1));
        var vocabulary = tokens.Count;
        var wordId = vocabulary - 1;

        float[] Filled(int count, float value) => Enumerable.Repeat(value, count).ToArray();
        var output = new float[Embedding * vocabulary];
        for (var i = 0; i < Embedding; i++)
        {
            output[wordId * Embedding + i] = 10;
        }

        // ggml order: the first dimension is the innermost (a row of n_embd values per token).
        var tensors = new List<(string Name, ulong[] Shape, float[] Data)>
        {
            ("token_embd.weight", [Embedding, (ulong)vocabulary], Filled(Embedding * vocabulary, 1)),
            ("output_norm.weight", [Embedding], Filled(Embedding, 1)),
            ("output.weight", [Embedding, (ulong)vocabulary], output),
            ("blk.0.attn_norm.weight", [Embedding], Filled(Embedding, 1)),
            ("blk.0.attn_q.weight", [Embedding, Embedding], new float[Embedding * Embedding]),
            ("blk.0.attn_k.weight", [Embedding, Embedding], new float[Embedding * Embedding]),
            ("blk.0.attn_v.weight", [Embedding, Embedding], new float[Embedding * Embedding]),
            ("blk.0.attn_output.weight", [Embedding, Embedding], new float[Embedding * Embedding]),
            ("blk.0.ffn_norm.weight", [Embedding], Filled(Embedding, 1)),
            ("blk.0.ffn_gate.weight", [Embedding, FeedForward], new float[Embedding * FeedForward]),
            ("blk.0.ffn_up.weight", [Embedding, FeedForward], new float[Embedding * FeedForward]),
            ("blk.0.ffn_down.weight", [FeedForward, Embedding], new float[Embedding * FeedForward]),
        };

        using var file = File.Create(path);
        using var writer = new BinaryWriter(file, Encoding.UTF8);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)tensors.Count);
        var metadata = new List<Action>
        {
            () => String("general.architecture", "llama"),
            () => String("general.name", "tiny test model"),
            () => UInt32("general.alignment", Alignment),
            () => UInt32("llama.context_length", 64),
            () => UInt32("llama.embedding_length", Embedding),
            () => UInt32("llama.block_count", 1),
            () => UInt32("llama.feed_forward_length", FeedForward),
            () => UInt32("llama.attention.head_count", 2),
            () => UInt32("llama.attention.head_count_kv", 2),
            () => UInt32("llama.rope.dimension_count", Embedding / 2),
            () => Float32("llama.attention.layer_norm_rms_epsilon", 1e-5f),
            () => String("tokenizer.ggml.model", "llama"),
            () =>
            {
                Key("tokenizer.ggml.tokens");
                writer.Write(9u);
                writer.Write(8u);
                writer.Write((ulong)tokens.Count);
                foreach (var token in tokens)
                {
                    Text(token.Piece);
                }
            },
            () =>
            {
                Key("tokenizer.ggml.scores");
                writer.Write(9u);
                writer.Write(6u);
                writer.Write((ulong)tokens.Count);
                tokens.ForEach(token => writer.Write(token.Score));
            },
            () =>
            {
                Key("tokenizer.ggml.token_type");
                writer.Write(9u);
                writer.Write(5u);
                writer.Write((ulong)tokens.Count);
                tokens.ForEach(token => writer.Write(token.Type));
            },
            () => UInt32("tokenizer.ggml.unknown_token_id", 0),
            () => UInt32("tokenizer.ggml.bos_token_id", 1),
            () => UInt32("tokenizer.ggml.eos_token_id", 2),
        };
        writer.Write((ulong)metadata.Count);
        metadata.ForEach(entry => entry());

        ulong offset = 0;
        foreach (var (name, shape, data) in tensors)
        {
            Text(name);
            writer.Write((uint)shape.Length);
            foreach (var dimension in shape)
            {
                writer.Write(dimension);
            }

            writer.Write(0u);
            writer.Write(offset);
            offset = Align((ulong)(offset + (ulong)data.Length * 4));
        }

        Pad();
        foreach (var (_, _, data) in tensors)
        {
            foreach (var value in data)
            {
                writer.Write(value);
            }

            Pad();
        }

        void Key(string key) => Text(key);
        void Text(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            writer.Write((ulong)bytes.Length);
            writer.Write(bytes);
        }

        void String(string key, string value)
        {
            Key(key);
            writer.Write(8u);
            Text(value);
        }

        void UInt32(string key, uint value)
        {
            Key(key);
            writer.Write(4u);
            writer.Write(value);
        }

        void Float32(string key, float value)
        {
            Key(key);
            writer.Write(6u);
            writer.Write(value);
        }

        void Pad()
        {
            writer.Flush();
            while (file.Position % Alignment != 0)
            {
                writer.Write((byte)0);
            }
        }
    }

    private static ulong Align(ulong value) => (value + Alignment - 1) / Alignment * Alignment;
}
