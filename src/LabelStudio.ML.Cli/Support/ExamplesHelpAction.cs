using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace LabelStudio.ML.Cli.Support;

/// <summary>
/// The standard help followed by an "Examples:" section for the command asked about, so that examples stay out
/// of the one-line descriptions in command lists.
/// </summary>
internal sealed class ExamplesHelpAction(HelpAction standard, IReadOnlyDictionary<Command, string[]> examples) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var result = standard.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                output.WriteLine("  " + line);
            }

            output.WriteLine();
        }

        return result;
    }

    /// <summary>Puts the examples into the help of <paramref name="root"/> and every command under it.</summary>
    public static void Install(RootCommand root, IReadOnlyDictionary<Command, string[]> examples)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!, examples);
    }
}
