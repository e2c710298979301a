namespace LabelStudio.ML.Examples.JsNlp;

/// <summary>
/// Finds where each token of a tokenizer that reports only token strings (winkNLP) lies in the original text: tokens
/// come in text order, so each is searched from where the previous one ended.
/// </summary>
internal static class TokenOffsets
{
    /// <summary>
    /// The (start, end) UTF-16 range of each token, or <see langword="null"/> for a token whose characters are not in
    /// the text as they are (a tokenizer that rewrote them).
    /// </summary>
    public static (int Start, int End)?[] Locate(string text, IReadOnlyList<string> tokens)
    {
        var ranges = new (int Start, int End)?[tokens.Count];
        var cursor = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Length == 0)
            {
                continue;
            }

            var at = text.IndexOf(token, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            ranges[i] = (at, at + token.Length);
            cursor = at + token.Length;
        }

        return ranges;
    }
}
