using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LabelStudio.ML.Testing;

/// <summary>
/// A built backend started as its own process (<c>dotnet MyBackend.dll</c>), as a user or a container runs it: on a
/// free loopback port, with its own <c>MODEL_DIR</c>. For tests that need what only a process shows — start-up,
/// a kill in the middle of training, a graceful stop. Killed on dispose.
/// </summary>
public sealed class BackendProcess : IAsyncDisposable
{
    // Settings of the test runner's environment that would change how the backend listens or answers.
    private static readonly string[] InheritedSettingsToClear =
    [
        "PORT", "HOST", "MODEL_DIR", "BASIC_AUTH_USER", "BASIC_AUTH_PASS", "ML_SERVER_BASIC_AUTH_USER", "ML_SERVER_BASIC_AUTH_PASS",
        "LOG_LEVEL", "TRAINING_MODE", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS",
    ];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsModelDir;

    private BackendProcess(Process process, int port, string modelDir, bool ownsModelDir)
    {
        _process = process;
        Port = port;
        ModelDir = modelDir;
        _ownsModelDir = ownsModelDir;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The loopback port the backend listens on.</summary>
    public int Port { get; }

    /// <summary>The backend's base address.</summary>
    public Uri Address { get; }

    /// <summary>The backend's <c>MODEL_DIR</c>.</summary>
    public string ModelDir { get; }

    /// <summary>The operating system's id of the process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The process's exit code.</summary>
    /// <exception cref="InvalidOperationException">The process has not ended yet.</exception>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
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

    /// <summary>
    /// Starts <paramref name="assemblyPath"/> with <c>dotnet</c>. Unless <paramref name="environment"/> sets them, the
    /// backend gets <c>HOST=127.0.0.1</c>, <c>PORT</c> = a free port and <c>MODEL_DIR</c> = <paramref name="modelDir"/>
    /// (a new temporary folder, deleted on dispose, when not given). A <c>--port N</c> among the arguments wins over
    /// <c>PORT</c>, as it does in the backend.
    /// </summary>
    public static BackendProcess Start(
        string assemblyPath,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? modelDir = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        return StartProgram(DotnetHost(), [assemblyPath, .. arguments ?? []], environment, modelDir);
    }

    /// <summary>
    /// Starts any program that serves a backend — a launcher such as <c>label-studio-ml start DIR</c>, an
    /// application host — with the same environment as <see cref="Start"/>: <c>HOST=127.0.0.1</c>, a free
    /// <c>PORT</c> and <c>MODEL_DIR</c>, unless <paramref name="environment"/> sets them; a <c>--port N</c> among
    /// the arguments wins over <c>PORT</c>. The working directory is <c>MODEL_DIR</c>.
    /// </summary>
    public static BackendProcess StartProgram(
        string program,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? modelDir = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        var ownsModelDir = modelDir is null;
        modelDir ??= Directory.CreateTempSubdirectory("lsml-process-").FullName;
        var startInfo = new ProcessStartInfo(program)
        {
            WorkingDirectory = modelDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedSettingsToClear)
        {
            startInfo.Environment.Remove(name);
        }

        var port = FreeLoopbackPort();
        // Loopback only: a test must not expose a server on the machine's network interfaces.
        startInfo.Environment["HOST"] = "127.0.0.1";
        startInfo.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["MODEL_DIR"] = modelDir;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        // The port the backend will really use: a --port switch wins over PORT, as in the backend itself.
        var portSwitch = startInfo.ArgumentList.IndexOf("--port");
        if (portSwitch >= 0 && portSwitch + 1 < startInfo.ArgumentList.Count && int.TryParse(startInfo.ArgumentList[portSwitch + 1], out var switched))
        {
            port = switched;
        }
        else if (startInfo.Environment.TryGetValue("PORT", out var given) && int.TryParse(given, out var chosen))
        {
            port = chosen;
        }

        var process = new Process { StartInfo = startInfo };
        var backend = new BackendProcess(process, port, modelDir, ownsModelDir);
        process.OutputDataReceived += (_, line) => backend.Append(line.Data);
        process.ErrorDataReceived += (_, line) => backend.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return backend;
    }

    /// <summary>
    /// Finds a built application next to the test assembly (the SDK copies a referenced application there) or in
    /// <paramref name="projectFolder"/>'s build output (relative to the folder holding <c>LabelStudio.ML.slnx</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither place has the assembly with its <c>runtimeconfig.json</c>.</exception>
    public static string LocateApplication(string assemblyFile, string projectFolder)
    {
        var candidates = new List<string> { AppContext.BaseDirectory };
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LabelStudio.ML.slnx")))
            {
                candidates.Add(Path.Combine(directory.FullName, projectFolder, "bin", "Debug", "net10.0"));
                candidates.Add(Path.Combine(directory.FullName, projectFolder, "bin", "Release", "net10.0"));
                break;
            }
        }

        foreach (var candidate in candidates)
        {
            var assembly = Path.Combine(candidate, assemblyFile);
            if (File.Exists(assembly) && File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json")))
            {
                return assembly;
            }
        }

        throw new FileNotFoundException($"{assemblyFile} with its runtimeconfig.json was not found in: {string.Join(", ", candidates)}");
    }

    /// <summary>Polls <c>GET /health</c> until it answers 200 and returns the body.</summary>
    /// <exception cref="TimeoutException">No 200 within <paramref name="timeout"/>, or the process ended first.</exception>
    public async Task<string> WaitForHealthAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new TimeoutException($"The backend exited with code {_process.ExitCode} before answering /health.\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/health"), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The attempt timed out; try again.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The backend did not answer /health on port {Port} within {timeout}.\n{Output}");
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or an out-of-memory kill would, and waits for it to end.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Asks the process to stop (SIGTERM, as <c>docker stop</c> does) and waits up to <paramref name="timeout"/> for it to end.</summary>
    /// <returns>Whether it ended in time.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync().ConfigureAwait(false);
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the process if it still runs and deletes a temporary <c>MODEL_DIR</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
        if (_ownsModelDir)
        {
            try
            {
                Directory.Delete(ModelDir, recursive: true);
            }
            catch (IOException)
            {
                // A file the OS still holds stays in the temp folder; the outcome does not depend on it.
            }
        }
    }

    /// <summary>The <c>dotnet</c> host that runs the tests (set by the .NET CLI for its children), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

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
