using System.CommandLine;
using LabelStudio.ML.Cli.Support;

namespace LabelStudio.ML.Cli.Commands;

/// <summary><c>create NAME [--from FILE[:Class]] [--force] [--root-dir DIR]</c>: a new backend project from the template.</summary>
internal sealed class CreateCommand(CliConsole console)
{
    private const string TemplateModelFile = "NewModel.cs";
    private const string TemplateModelClass = "NewModel";

    /// <summary>The examples its help shows.</summary>
    public static readonly string[] Examples =
    [
        "label-studio-ml create my_ml_backend",
        "label-studio-ml create sentiment --from ../SentimentModel.cs",
        "label-studio-ml create ner --from Models.cs:NerModel --root-dir ./backends --force",
    ];

    public static Command Build(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The backend's name: its folder, project and C# namespace (letters, digits, underscores)." };
        var from = new Option<string?>("--from")
        {
            Description = "Build the backend around an existing model class: a C# file, optionally with the class (FILE:Class) when the file holds several.",
            HelpName = "FILE[:Class]",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite the files of an existing folder." };
        var rootDir = new Option<string?>("--root-dir") { Description = "Where to create the backend's folder (default: the current folder).", HelpName = "DIR" };
        var command = new Command(
            "create",
            "Create a backend project: Program.cs, a commented model (NewModel.cs), a test project, README, Dockerfile and docker-compose.yml.")
        {
            name, from, force, rootDir,
        };
        command.SetAction((parse, cancellationToken) => new CreateCommand(console).RunAsync(
            parse.GetValue(name)!, parse.GetValue(from), parse.GetValue(force), parse.GetValue(rootDir), cancellationToken));
        return command;
    }

    public async Task<int> RunAsync(string name, string? from, bool force, string? rootDir, CancellationToken cancellationToken)
    {
        ProjectName.Validate(name);
        var root = Path.GetFullPath(rootDir ?? Directory.GetCurrentDirectory());
        var target = Path.Combine(root, name);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !force)
        {
            throw new CliException($"{target} already exists and is not empty; use --force to overwrite its files.");
        }

        if (File.Exists(target))
        {
            throw new CliException($"{target} is a file; choose another name or --root-dir.");
        }

        // Read and check the model file before writing anything, so that a bad --from leaves no half-made folder.
        var model = from is null ? null : await ReadModelAsync(from, cancellationToken).ConfigureAwait(false);

        var files = TemplateFiles.Render(name).ToDictionary(file => file.Path, file => file.Content, StringComparer.Ordinal);
        if (model is not null)
        {
            files.Remove(TemplateModelFile);
            files["Program.cs"] = files["Program.cs"].Replace($"{name}.{TemplateModelClass}", model.Class.QualifiedName, StringComparison.Ordinal);
            files.Remove($"{name}.Tests/{TemplateModelFile[..^3]}Tests.cs");
            files[$"{name}.Tests/BackendTests.cs"] = TemplateFiles.Resource("FromModelTests.txt", name)
                .Replace("MODEL_CLASS_QUALIFIED", model.Class.QualifiedName, StringComparison.Ordinal)
                .Replace("MODEL_CLASS_NAME", model.Class.Name, StringComparison.Ordinal);
            files[model.FileName] = model.Source;
        }

        foreach (var (path, content) in files)
        {
            var full = Path.Combine(target, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content, cancellationToken).ConfigureAwait(false);
        }

        console.Line($"Created {name} in {target}{(model is null ? "" : $" around {model.Class.Name} from {model.FileName}")}.");
        console.Line("Next:");
        console.Line($"  label-studio-ml start {Path.GetRelativePath(Directory.GetCurrentDirectory(), target)} -p 9090");
        console.Line($"  dotnet test {Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(target, name + ".Tests"))}");
        return 0;
    }

    private static async Task<SourceModel> ReadModelAsync(string spec, CancellationToken cancellationToken)
    {
        var (file, className) = ModelClassFinder.SplitSpec(spec);
        if (!File.Exists(file))
        {
            throw new CliException($"--from: {file} was not found.");
        }

        var source = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        var classes = ModelClassFinder.Find(source);
        ModelClass chosen;
        if (className is not null)
        {
            chosen = classes.FirstOrDefault(candidate => candidate.Name == className)
                ?? throw new CliException(classes.Count == 0
                    ? $"--from: {file} has no class deriving from LabelStudioModel, so it has no '{className}' to use."
                    : $"--from: {file} has no model class '{className}'; it has: {string.Join(", ", classes.Select(candidate => candidate.Name))}.");
        }
        else
        {
            chosen = classes.Count switch
            {
                0 => throw new CliException($"--from: {file} has no class deriving from LabelStudioModel."),
                1 => classes[0],
                _ => throw new CliException(
                    $"--from: {file} has several model classes ({string.Join(", ", classes.Select(candidate => candidate.Name))}); choose one with --from {file}:{classes[0].Name}."),
            };
        }

        return new SourceModel(Path.GetFileName(file), source, chosen);
    }

    private sealed record SourceModel(string FileName, string Source, ModelClass Class);
}
