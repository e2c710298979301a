using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace LabelStudio.ML.Frontend.Tests;

/// <summary>
/// The Node.js frontend check (<c>tests/frontend/serve.mjs</c>): one headless Chromium with the real Label Studio
/// frontend for every test of the collection. A check is one JSON line in, one verdict line out.
/// </summary>
public sealed class FrontendChecker : IAsyncLifetime
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private Process _node = null!;
    private readonly System.Text.StringBuilder _errors = new();

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Repository.FrontendCheck,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve.mjs");
        _node = Process.Start(start)!;
        _node.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        _node.BeginErrorReadLine();
        var ready = await ReadLineAsync(TimeSpan.FromSeconds(60));
        if (ready?["ready"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"The frontend check did not start (run ./test.sh, which installs Chromium and the npm packages): {ready?.ToJsonString()} {StandardError}");
        }
    }

    public async Task DisposeAsync()
    {
        _node.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _node.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _node.Kill(entireProcessTree: true);
        }

        _node.Dispose();
        _oneAtATime.Dispose();
    }

    /// <summary>Shows <paramref name="task"/> with <paramref name="predictions"/> (a <c>/predict</c> answer or an array) and saves a screenshot.</summary>
    internal async Task<FrontendVerdict> CheckAsync(string labelConfig, JsonObject task, JsonNode predictions, string screenshotName)
    {
        var request = new JsonObject
        {
            ["config"] = labelConfig,
            ["task"] = task.DeepClone(),
            ["predictions"] = predictions.DeepClone(),
            ["screenshot"] = Path.Combine(Repository.Screenshots, screenshotName),
        };
        await _oneAtATime.WaitAsync();
        try
        {
            await _node.StandardInput.WriteLineAsync(request.ToJsonString());
            await _node.StandardInput.FlushAsync();
            var verdict = await ReadLineAsync(CheckTimeout) ?? throw new InvalidOperationException($"The frontend check ended: {StandardError}");
            return new FrontendVerdict(verdict);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private string StandardError
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    private async Task<JsonObject?> ReadLineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var line = await _node.StandardOutput.ReadLineAsync(cancel.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }
}

/// <summary>Every test that drives the browser shares one <see cref="FrontendChecker"/>.</summary>
[CollectionDefinition(Name)]
public sealed class FrontendCollection : ICollectionFixture<FrontendChecker>
{
    public const string Name = "Label Studio frontend";
}
