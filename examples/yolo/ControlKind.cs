namespace Yolo;

/// <summary>The sub-models of the backend, one per kind of control it predicts for.</summary>
public enum ControlKind
{
    /// <summary><c>RectangleLabels</c> → Image: boxes.</summary>
    Rectangles,

    /// <summary><c>RectangleLabels model_obb="true"</c> → Image: rotated boxes.</summary>
    OrientedRectangles,

    /// <summary><c>PolygonLabels</c> → Image: instance outlines.</summary>
    Polygons,

    /// <summary><c>Choices</c> (or <c>Taxonomy</c>) → Image: image classes.</summary>
    Choices,

    /// <summary><c>KeyPointLabels</c> → Image: pose keypoints grouped under their person's box.</summary>
    Keypoints,

    /// <summary><c>VideoRectangle</c> → Video: tracked boxes.</summary>
    VideoRectangles,

    /// <summary><c>TimelineLabels</c> → Video: labeled frame ranges.</summary>
    Timeline,
}
