using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace InteractiveSubstringMatching.Tests.Support;

/// <summary>
/// The built example started as its own process (<c>dotnet InteractiveSubstringMatching.dll</c>), as a user runs it,
/// with a fresh temporary <c>MODEL_DIR</c>; killed and cleaned up on dispose.
/// </summary>
internal sealed class ExampleServerProcess : IAsyncDisposable
{
    private const string AssemblyFile = "InteractiveSubstringMatching.dll";

    // Settings of the test runner's environment that would change how the example listens or answers.
    private static readonly string[] InheritedSettingsToClear =
    [
        "PORT", "HOST", "MODEL_DIR", "BASIC_AUTH_USER", "BASIC_AUTH_PASS", "ML_SERVER_BASIC_AUTH_USER", "ML_SERVER_BASIC_AUTH_PASS",
        "LOG_LEVEL", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS",
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExampleServerProcess(Process process, string modelDir)
    {
        _process = process;
        ModelDir = modelDir;
    }

    /// <summary>The example's <c>MODEL_DIR</c>.</summary>
    public string ModelDir { get; }

    /// <summary>What the process wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the example with <paramref name="arguments"/> and the extra <paramref name="environment"/> variables.</summary>
    public static ExampleServerProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var modelDir = Directory.CreateTempSubdirectory("lsml-example-").FullName;
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = modelDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(FindExampleAssembly());
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedSettingsToClear)
        {
            startInfo.Environment.Remove(name);
        }

        // Loopback only: the test must not expose a server on the machine's network interfaces.
        startInfo.Environment["HOST"] = "127.0.0.1";
        startInfo.Environment["MODEL_DIR"] = modelDir;
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var server = new ExampleServerProcess(process, modelDir);
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <c>GET /health</c> on <paramref name="port"/> until it answers 200 and returns the body.</summary>
    /// <exception cref="TimeoutException">No 200 within <paramref name="timeout"/>, or the process ended first.</exception>
    public async Task<string> WaitForHealthAsync(int port, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new TimeoutException($"The example exited with code {_process.ExitCode} before answering /health.\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // The attempt timed out; try again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The example did not answer /health on port {port} within {timeout}.\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(ModelDir, recursive: true);
        }
        catch (IOException)
        {
            // A file the OS still holds stays in the temp folder; the outcome does not depend on it.
        }
    }

    /// <summary>The <c>dotnet</c> host that runs the tests (set by the .NET CLI for its children), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// The example's assembly with its <c>runtimeconfig.json</c>: next to the test assembly (the SDK copies a
    /// referenced application there), else in the example's own build output of the same configuration.
    /// </summary>
    private static string FindExampleAssembly()
    {
        var candidates = new List<string> { AppContext.BaseDirectory };
        var configuration = typeof(ExampleServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LabelStudio.ML.slnx")))
            {
                candidates.Add(Path.Combine(directory.FullName, "examples", "interactive_substring_matching", "bin", configuration, "net10.0"));
                break;
            }
        }

        foreach (var candidate in candidates)
        {
            var assembly = Path.Combine(candidate, AssemblyFile);
            if (File.Exists(assembly) && File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json")))
            {
                return assembly;
            }
        }

        throw new FileNotFoundException($"{AssemblyFile} with its runtimeconfig.json was not found in: {string.Join(", ", candidates)}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
