using System.Text.Json.Nodes;

namespace LabelStudio.ML;

// Relations link two regions by id; they have no from_name, to_name or value (SPEC §6.3).
public sealed partial class Region
{
    /// <summary>
    /// A <c>relation</c> from the region with id <paramref name="fromId"/> to the one with <paramref name="toId"/>;
    /// <paramref name="labels"/> are values of the config's <c>Relation</c> tags. <see cref="Prediction"/> puts
    /// relations after all regions.
    /// </summary>
    public static Region Relation(string fromId, string toId, RelationDirection direction = RelationDirection.Right, IEnumerable<string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromId);
        ArgumentException.ThrowIfNullOrEmpty(toId);
        var json = new JsonObject
        {
            ["from_id"] = fromId,
            ["to_id"] = toId,
            ["type"] = RelationType,
            ["direction"] = direction switch
            {
                RelationDirection.Right => "right",
                RelationDirection.Left => "left",
                RelationDirection.Bi => "bi",
                _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown relation direction."),
            },
        };
        if (labels is not null)
        {
            json["labels"] = Strings(labels);
        }

        return new Region(json);
    }

    /// <summary>A <c>relation</c> between two built regions, by their ids; as <see cref="Relation(string, string, RelationDirection, IEnumerable{string}?)"/>.</summary>
    /// <exception cref="ArgumentException">One of the regions has no id.</exception>
    public static Region Relation(Region from, Region to, RelationDirection direction = RelationDirection.Right, IEnumerable<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return Relation(
            from.Id ?? throw new ArgumentException("The source region has no id to relate.", nameof(from)),
            to.Id ?? throw new ArgumentException("The target region has no id to relate.", nameof(to)),
            direction,
            labels);
    }

    /// <summary>True for a relation item (<c>"type": "relation"</c>).</summary>
    public bool IsRelation => string.Equals(Type, RelationType, StringComparison.Ordinal);

    private const string RelationType = "relation";
}
