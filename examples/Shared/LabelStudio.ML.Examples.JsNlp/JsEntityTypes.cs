namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>The entity types each model reports, as it names them.</summary>
public static class JsEntityTypes
{
    /// <summary>A person (compromise).</summary>
    public const string Person = "Person";

    /// <summary>A place: city, country, region, landmark (compromise).</summary>
    public const string Place = "Place";

    /// <summary>An organization: company, institution (compromise).</summary>
    public const string Organization = "Organization";

    /// <summary>The types of <see cref="JsNlpModel.Compromise"/>.</summary>
    public static IReadOnlyList<string> Compromise { get; } = [Person, Place, Organization];

    /// <summary>The types of <see cref="JsNlpModel.Wink"/> (the names of its English model).</summary>
    public static IReadOnlyList<string> Wink { get; } =
        ["DATE", "TIME", "DURATION", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "URL", "EMAIL", "HASHTAG", "MENTION", "EMOJI"];

    /// <summary>The types <paramref name="model"/> reports.</summary>
    public static IReadOnlyList<string> Of(JsNlpModel model) => model switch
    {
        JsNlpModel.Compromise => Compromise,
        JsNlpModel.Wink => Wink,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown model."),
    };
}
