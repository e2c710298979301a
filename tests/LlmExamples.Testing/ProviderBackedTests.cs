using LabelStudio.ML.Testing;

namespace LlmExamples.Testing;

/// <summary>
/// A test class with fresh fake providers per test and, when <see cref="StartBackendAsync"/> gives one, a backend
/// pointed at them; both are stopped after the test. Derived classes declare xUnit's <c>IAsyncLifetime</c>, which
/// these methods implement (this library does not depend on xUnit's core, so that it is not taken for a test project).
/// </summary>
public abstract class ProviderBackedTests
{
    private TestBackend? _backend;

    protected FakeProviders Fake { get; private set; } = null!;

    /// <summary>The backend of <see cref="StartBackendAsync"/>.</summary>
    protected TestBackend Backend => _backend ?? throw new InvalidOperationException($"{GetType().Name} starts no shared backend.");

    public async Task InitializeAsync()
    {
        Fake = await FakeProviders.StartAsync();
        _backend = await StartBackendAsync(Fake);
    }

    public async Task DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }

        await Fake.DisposeAsync();
    }

    /// <summary>The backend every test of the class uses, or null when the tests start their own.</summary>
    protected virtual Task<TestBackend?> StartBackendAsync(FakeProviders fake) => Task.FromResult<TestBackend?>(null);
}
