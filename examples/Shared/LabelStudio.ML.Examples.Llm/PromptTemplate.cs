using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.ML.Examples.Llm;

/// <summary>
/// Fills a prompt the way Python's <c>str.format</c> does for named fields, as the original examples' templates are
/// written: <c>{name}</c> is replaced by the value of <c>name</c>, <c>{{</c> and <c>}}</c> are literal braces.
/// </summary>
public static class PromptTemplate
{
    /// <summary>Fills <paramref name="template"/> with <paramref name="values"/>.</summary>
    /// <param name="template">The template text.</param>
    /// <param name="values">Field name → text.</param>
    /// <param name="subject">What the template is for (<c>task 7</c>), named in errors.</param>
    /// <exception cref="AnswerException">422: the template names a field that has no value, or has an unmatched brace.</exception>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values, string subject)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var character = template[i];
            if (character == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                text.Append('{');
                i++;
            }
            else if (character == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                text.Append('}');
                i++;
            }
            else if (character == '{')
            {
                var end = template.IndexOf('}', i + 1);
                if (end < 0)
                {
                    throw new AnswerException(422, $"{subject}: the prompt has a '{{' without a closing '}}' (write '{{{{' for a literal brace).");
                }

                var name = template[(i + 1)..end].Trim();
                if (!values.TryGetValue(name, out var value))
                {
                    throw new AnswerException(
                        422,
                        $"{subject}: the prompt names {{{name}}}, which is not one of {string.Join(", ", values.Keys.Order(StringComparer.Ordinal).Select(key => "{" + key + "}"))} (write '{{{{' for a literal brace).");
                }

                text.Append(value);
                i = end;
            }
            else if (character == '}')
            {
                throw new AnswerException(422, $"{subject}: the prompt has a '}}' without an opening '{{' (write '}}}}' for a literal brace).");
            }
            else
            {
                text.Append(character);
            }
        }

        return text.ToString();
    }

    /// <summary>A task's data fields as template values: strings as they are, anything else as JSON.</summary>
    public static Dictionary<string, string> TaskFields(JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in data)
        {
            fields[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? string.Empty;
        }

        return fields;
    }
}
