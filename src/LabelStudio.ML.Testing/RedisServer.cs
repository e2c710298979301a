using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
namespace LabelStudio.ML.Testing;

/// <summary>
/// A real <c>redis-server</c> (from PATH; Debian package <c>redis-server</c>) on a free loopback port, without
/// persistence, for tests and benchmarks of backends on <c>CACHE_TYPE=redis</c>. It can be killed and started again
/// on the same port (empty, as a Redis without persistence comes back). Killed on dispose.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    /// <summary>Starts the server and waits until it listens.</summary>
    /// <exception cref="InvalidOperationException"><c>redis-server</c> is not installed.</exception>
    public RedisServer()
    {
        Port = BackendProcess.FreeLoopbackPort();
        Start();
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The REDIS_URL of this server.</summary>
    public string Url => $"redis://127.0.0.1:{Port}/0";

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it listens.</summary>
    public void Start()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed: install the Debian package redis-server (the repository's test.sh does).", ex);
        }

        // Read and drop its output, so that a full pipe never blocks it.
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"redis-server did not listen on port {Port} within 10 s.");
    }

    /// <summary>Kills the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
    }
}
