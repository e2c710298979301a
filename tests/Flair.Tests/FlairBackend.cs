using LabelStudio.ML.Examples.JsNlp;
using LabelStudio.ML.Examples.JsNlp.Testing;

namespace Flair.Tests;

/// <summary>The flair backend with compromise loaded, shared by a test class.</summary>
public sealed class FlairBackend() : NerBackendFixture<FlairNerModel>(JsNlpModel.Compromise);
