using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Tests.Responses;

public sealed class BrushRleTests
{
    private static readonly Lazy<JsonArray> Cases = new(() =>
        JsonNode.Parse(File.ReadAllText(FixturePaths.Vector("rle.json")))!["cases"]!.AsArray());

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var vector in Cases.Value)
        {
            names.Add(vector!["name"]!.GetValue<string>());
        }

        return names;
    }

    [Fact]
    public void Vector_file_holds_all_sixteen_cases()
    {
        Assert.Equal(16, Cases.Value.Count);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Encodes_every_vector_bit_exactly(string name)
    {
        var vector = Find(name);

        var rle = vector["kind"]!.GetValue<string>() switch
        {
            "mask2rle" => BrushRle.Encode(MaskOf(vector), vector["width"]!.GetValue<int>(), vector["height"]!.GetValue<int>()),
            "encode_rle" => BrushRle.EncodeValues(ValuesOf(vector)),
            var kind => throw new InvalidOperationException($"unknown vector kind {kind}"),
        };

        Assert.Equal(ExpectedRle(vector), rle);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decodes_every_vector_back_to_its_values(string name)
    {
        var vector = Find(name);
        var expected = vector["kind"]!.GetValue<string>() == "mask2rle"
            ? MaskOf(vector).SelectMany(pixel => Enumerable.Repeat(pixel, 4)).ToArray()
            : ValuesOf(vector);

        var values = BrushRle.Decode(ExpectedRle(vector));

        Assert.Equal(vector["num_values"]!.GetValue<int>(), values.Length);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Worked_example_decodes_to_its_mask()
    {
        int[] rle = [0, 0, 0, 16, 57, 27, 252, 96, 22, 255, 192];

        Assert.Equal(new byte[] { 0, 255, 255, 255 }, BrushRle.DecodeMask(rle, 2, 2));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(7, 5, 2)]
    [InlineData(64, 48, 3)]
    [InlineData(300, 257, 4)]
    public void Random_masks_round_trip(int width, int height, int seed)
    {
        var random = new Random(seed);
        var mask = new byte[width * height];
        // Blobs of random length give runs in every length class; some single pixels give literals.
        var position = 0;
        while (position < mask.Length)
        {
            var length = Math.Min(mask.Length - position, random.Next(4) == 0 ? 1 : random.Next(1, 20000));
            mask.AsSpan(position, length).Fill((byte)random.Next(3) switch { 0 => 0, 1 => 255, _ => (byte)random.Next(256) });
            position += length;
        }

        var rle = BrushRle.Encode(mask, width, height);

        Assert.Equal(mask, BrushRle.DecodeMask(rle, width, height));
        Assert.All(rle, item => Assert.InRange(item, 0, 255));
    }

    [Fact]
    public void Random_value_sequences_round_trip()
    {
        var random = new Random(42);
        var values = new byte[5000];
        random.NextBytes(values);

        Assert.Equal(values, BrushRle.Decode(BrushRle.EncodeValues(values)));
    }

    [Fact]
    public void Full_hd_mask_round_trips()
    {
        const int width = 1920;
        const int height = 1080;
        var mask = new byte[width * height];
        for (var row = 200; row < 800; row++)
        {
            mask.AsSpan((row * width) + 300, 900).Fill(255);
        }

        var rle = BrushRle.Encode(mask, width, height);

        Assert.Equal(mask, BrushRle.DecodeMask(rle, width, height));
    }

    [Fact]
    public void Reencoding_the_sam_fixture_mask_gives_the_same_bytes()
    {
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(FixturePaths.Root, "predict_interactive_keypoint_sam.json")))!;
        var region = fixture["expect"]!["body"]!["results"]![0]!["result"]![0]!;
        var rle = region["value"]!["rle"]!.AsArray().Select(item => item!.GetValue<int>()).ToArray();
        var width = region["original_width"]!.GetValue<int>();
        var height = region["original_height"]!.GetValue<int>();

        var mask = BrushRle.DecodeMask(rle, width, height);

        Assert.Equal(rle, BrushRle.Encode(mask, width, height));
    }

    [Fact]
    public void Mask_of_the_wrong_size_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => BrushRle.Encode(new byte[5], 2, 2));
    }

    [Fact]
    public void Mask_size_must_match_the_encoded_length()
    {
        var rle = BrushRle.Encode(new byte[4], 2, 2);

        Assert.Throws<FormatException>(() => BrushRle.DecodeMask(rle, 3, 2));
    }

    [Fact]
    public void Truncated_data_is_rejected()
    {
        int[] rle = [0, 0, 0, 16, 57, 27, 252, 96];

        Assert.Throws<FormatException>(() => BrushRle.Decode(rle));
    }

    private static JsonNode Find(string name) =>
        Cases.Value.Single(vector => vector!["name"]!.GetValue<string>() == name)!;

    private static int[] ExpectedRle(JsonNode vector) =>
        vector["rle"]!.AsArray().Select(item => item!.GetValue<int>()).ToArray();

    private static byte[] MaskOf(JsonNode vector) =>
        vector["mask"]!.AsArray().SelectMany(row => row!.AsArray().Select(pixel => pixel!.GetValue<byte>())).ToArray();

    private static byte[] ValuesOf(JsonNode vector) =>
        vector["runs"]!.AsArray()
            .SelectMany(run => Enumerable.Repeat(run!["value"]!.GetValue<byte>(), run["length"]!.GetValue<int>()))
            .ToArray();
}
