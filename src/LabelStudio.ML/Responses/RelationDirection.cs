namespace LabelStudio.ML;

/// <summary>The arrow direction of a relation between two regions (the <c>direction</c> key).</summary>
public enum RelationDirection
{
    /// <summary>From the first region to the second (<c>right</c>).</summary>
    Right,

    /// <summary>From the second region to the first (<c>left</c>).</summary>
    Left,

    /// <summary>Both ways (<c>bi</c>).</summary>
    Bi,
}
