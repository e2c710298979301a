namespace LabelStudio.ML.Cli.Support;

/// <summary>A model class found in a file.</summary>
internal sealed record ModelClass(string? Namespace, string Name)
{
    /// <summary>The name Program.cs uses: fully qualified, so no using is needed.</summary>
    public string QualifiedName => Namespace is null ? $"global::{Name}" : $"global::{Namespace}.{Name}";
}
