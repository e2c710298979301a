using OpenCvSharp;
using Xunit;

namespace LabelStudio.ML.Examples.Vision.Tests;

/// <summary>The parts of the SAM runner that need no model: the encoder frame and the embedding cache.</summary>
public sealed class SamPartsTests
{
    [Fact]
    public void SAM_keeps_the_aspect_ratio_and_SAM2_stretches_to_the_square()
    {
        var sam = SamFrame.LongestSide(new ImageSize(200, 100), 1024);
        Assert.Equal((1024, 512), (sam.ResizedWidth, sam.ResizedHeight));
        Assert.Equal((512f, 256f), sam.Map(new Point(100, 50)));

        var sam2 = SamFrame.Square(new ImageSize(200, 100), 1024);
        Assert.Equal((1024, 1024), (sam2.ResizedWidth, sam2.ResizedHeight));
        Assert.Equal((512f, 512f), sam2.Map(new Point(100, 50)));
    }

    [Fact]
    public void The_encoder_input_is_normalised_RGB_with_zero_padding()
    {
        // A 2 × 1 image: left pixel pure blue (BGR 255, 0, 0), right pixel black; frame side 4 → resized 4 × 2.
        using var image = new Mat(1, 2, MatType.CV_8UC3, Scalar.All(0));
        image.Set(0, 0, new Vec3b(255, 0, 0));
        var frame = SamFrame.LongestSide(new ImageSize(2, 1), 4);

        var tensor = frame.ToTensor(image);

        Assert.Equal(3 * 16, tensor.Length);
        // Channel 2 (blue) of the top-left pixel is (255 − 103.53) / 57.375; channel 0 (red) is (0 − 123.675) / 58.395.
        Assert.Equal((255 - 103.53f) / 57.375f, tensor[(2 * 16) + 0], 3);
        Assert.Equal(-123.675f / 58.395f, tensor[0], 3);
        // Rows 2 and 3 are padding: zero in every channel.
        Assert.All(Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(8, 8).Select(i => tensor[(c * 16) + i])), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void The_cache_evicts_the_least_recently_used_entry_when_bytes_run_out()
    {
        var cache = new EmbeddingCache<byte[]>(10, 250, b => b.Length);
        cache.GetOrAdd("a", () => new byte[100]);
        cache.GetOrAdd("b", () => new byte[100]);
        cache.GetOrAdd("a", () => throw new InvalidOperationException("a is cached"));
        cache.GetOrAdd("c", () => new byte[100]);

        // "b" was used least recently, so it made room for "c".
        Assert.Equal(2, cache.Count);
        Assert.Equal(200, cache.Bytes);
        var created = false;
        cache.GetOrAdd("b", () =>
        {
            created = true;
            return new byte[100];
        });
        Assert.True(created);
        // An entry larger than the whole budget is returned but not kept.
        Assert.Equal(300, cache.GetOrAdd("huge", () => new byte[300]).Length);
        Assert.Equal(200, cache.Bytes);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_missing_image_share_one_creation()
    {
        var cache = new EmbeddingCache<byte[]>(4, 1 << 20, b => b.Length);
        var creations = 0;
        using var gate = new ManualResetEventSlim();

        var requests = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetOrAdd("image", () =>
        {
            Interlocked.Increment(ref creations);
            gate.Wait(TimeSpan.FromSeconds(5));
            return new byte[10];
        }))).ToList();
        await Task.Delay(100);
        gate.Set();
        var results = await Task.WhenAll(requests);

        Assert.Equal(1, creations);
        Assert.All(results, r => Assert.Same(results[0], r));
    }
}
