using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using LabelStudio.ML.Testing;

namespace LabelStudio.ML.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, without persistence, for one test class. test.sh installs
/// the Debian package when it is missing. It can be killed and started again on the same port (empty, as a Redis
/// without persistence comes back).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    public RedisServer()
    {
        Port = BackendProcess.FreeLoopbackPort();
        Start();
    }

    public int Port { get; }

    /// <summary>The REDIS_URL of this server.</summary>
    public string Url => $"redis://127.0.0.1:{Port}/0";

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the server again on the same port.</summary>
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
            throw new InvalidOperationException("redis-server is not installed: run ./test.sh, which installs the Debian package redis-server.", ex);
        }

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

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
