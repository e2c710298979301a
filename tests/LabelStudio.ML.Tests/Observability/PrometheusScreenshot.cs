using System.Diagnostics;

namespace LabelStudio.ML.Tests.Observability;

/// <summary>Takes the documentation's screenshot of Prometheus's graph page with tests/frontend/prometheus-screenshot.mjs.</summary>
internal static class PrometheusScreenshot
{
    public static async Task TakeAsync(Uri prometheus, IEnumerable<string> expressions, string output)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LabelStudio.ML.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(root, "tests", "frontend"), UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add("prometheus-screenshot.mjs");
        start.ArgumentList.Add(prometheus.ToString());
        start.ArgumentList.Add(Path.GetFullPath(output));
        foreach (var expression in expressions)
        {
            start.ArgumentList.Add(expression);
        }

        using var node = Process.Start(start)!;
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"The screenshot script exited with {node.ExitCode}: {errors}");
        }
    }
}
