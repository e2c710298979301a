using LabelStudio.ML.Examples.JsNlp;
using LabelStudio.ML.Examples.JsNlp.Testing;

namespace Spacy.Tests;

/// <summary>The spacy backend with compromise and winkNLP loaded, shared by a test class.</summary>
public sealed class SpacyBackend() : NerBackendFixture<SpacyNerModel>(JsNlpModel.Compromise, JsNlpModel.Wink);
