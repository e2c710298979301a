namespace LabelStudio.ML.Examples.Vision;

/// <summary>What an Ultralytics YOLO model does, as its ONNX metadata <c>task</c> names it.</summary>
public enum YoloTask
{
    /// <summary><c>detect</c>: boxes, output0 <c>[1, 4 + classes, anchors]</c>.</summary>
    Detect,

    /// <summary><c>segment</c>: boxes with masks, output0 <c>[1, 4 + classes + 32, anchors]</c> and prototypes <c>[1, 32, h, w]</c>.</summary>
    Segment,

    /// <summary><c>pose</c>: boxes with keypoints, output0 <c>[1, 4 + classes + keypoints × 3, anchors]</c>.</summary>
    Pose,

    /// <summary><c>obb</c>: rotated boxes, output0 <c>[1, 4 + classes + 1, anchors]</c>, the angle in radians last.</summary>
    Obb,

    /// <summary><c>classify</c>: class probabilities, output0 <c>[1, classes]</c>.</summary>
    Classify,
}
