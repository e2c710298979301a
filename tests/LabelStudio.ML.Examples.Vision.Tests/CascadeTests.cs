using OpenCvSharp;
using Xunit;

namespace LabelStudio.ML.Examples.Vision.Tests;

public sealed class CascadeTests
{
    [Fact]
    public void The_face_cascade_finds_the_face_in_the_portrait()
    {
        using var detector = new CascadeDetector(new VisionOptions());
        using var portrait = Cv2.ImRead(Path.Combine(AppContext.BaseDirectory, "Images", "grace_hopper_512x512.jpg"));

        var faces = detector.Detect(portrait, "face", "Face");

        // The face spans roughly x 150–380, y 85–315 in this 512 × 512 portrait (measured by eye on the image).
        var face = Assert.Single(faces);
        var centre = new Point(face.Box.X + (face.Box.Width / 2), face.Box.Y + (face.Box.Height / 2));
        Assert.InRange(centre.X, 220, 310);
        Assert.InRange(centre.Y, 150, 260);
        Assert.InRange(face.Box.Width, 150, 300);
        Assert.Equal("Face", face.Label);
        Assert.InRange(face.Score, 0.5, 1);
    }

    [Fact]
    public void A_blank_image_has_no_faces()
    {
        using var detector = new CascadeDetector(new VisionOptions());
        using var blank = new Mat(300, 300, MatType.CV_8UC3, Scalar.All(128));

        Assert.Empty(detector.Detect(blank, "face", "Face"));
    }

    [Fact]
    public void A_missing_cascade_folder_names_the_package_to_install()
    {
        using var detector = new CascadeDetector(new VisionOptions { CascadesDirectory = "/nonexistent" });
        using var image = new Mat(50, 50, MatType.CV_8UC3, Scalar.All(0));

        var error = Assert.Throws<InvalidOperationException>(() => detector.Detect(image, "face", "Face"));

        Assert.Contains("opencv-data", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("faces", "face")]
    [InlineData("a person walking", "full_body")]
    [InlineData("Upper body", "upper_body")]
    [InlineData("the cat", "cat_face")]
    [InlineData("license plates", "licence_plate")]
    public void A_prompt_chooses_its_cascade(string prompt, string cascade)
    {
        var match = Assert.Single(CascadeCatalog.Match(prompt));

        Assert.Equal(cascade, match.Cascade);
    }

    [Fact]
    public void Each_part_of_a_prompt_chooses_one_cascade_and_unknown_parts_none()
    {
        var matches = CascadeCatalog.Match("eyes, a spaceship and cats");

        Assert.Equal(["eye", "cat_face"], matches.Select(m => m.Cascade));
        Assert.Equal(["eyes", "cats"], matches.Select(m => m.Phrase));
    }
}
