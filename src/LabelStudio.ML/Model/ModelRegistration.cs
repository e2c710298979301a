namespace LabelStudio.ML;

/// <summary>The model class a backend serves and the name <c>/health</c> reports for it.</summary>
internal sealed record ModelRegistration(Type ModelType, string ModelClassName);
