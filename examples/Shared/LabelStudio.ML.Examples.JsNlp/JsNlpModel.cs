namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>The JavaScript NLP models the recognizer can run.</summary>
public enum JsNlpModel
{
    /// <summary>compromise 14.17: people, places and organizations from its lexicon and rules (types <c>Person</c>, <c>Place</c>, <c>Organization</c>).</summary>
    Compromise,

    /// <summary>
    /// winkNLP 2.4 with its English lite model: DATE, TIME, DURATION, MONEY, PERCENT, CARDINAL, ORDINAL, URL, EMAIL,
    /// HASHTAG, MENTION and EMOJI.
    /// </summary>
    Wink,
}
